import type { FastifyInstance } from 'fastify';
import { render } from '../../render.js';

const titles: Record<number, string> = {
  400: 'That request was not understood',
  403: 'Not allowed',
  404: 'Page not found',
  410: 'Link no longer valid',
  413: 'Too much data',
  429: 'Too many attempts',
};

/**
 * The site's one error handler: every error becomes a page in the layout.
 * Server errors are logged and shown as a generic page, never with details;
 * a refused CSRF token gets an explanation a person can act on.
 */
export function registerErrorPages(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    let message = status >= 500 ? 'Something went wrong on our side. Please try again in a moment.' : error.message;
    if (error.code?.startsWith('FST_CSRF_')) message = 'This form has expired or did not come from this site. Go back, reload the page and try again.';
    if (status === 429) message = 'You tried that too often. Wait a few minutes, then try again.';
    if (status === 413) message = 'The form sent more data than the site accepts.';
    const title = status >= 500 ? 'Something went wrong' : (titles[status] ?? 'That did not work');
    try {
      return render(request, reply, 'error', { title, message, status }, status);
    } catch (renderError) {
      // Rendering the page failed too (a broken template): plain text, still without details.
      request.log.error({ err: renderError }, 'error page failed to render');
      return reply.code(status).type('text/plain; charset=utf-8').send(title);
    }
  });

  app.setNotFoundHandler((request, reply) => render(request, reply, 'error', { title: 'Page not found', message: 'There is nothing at this address. Check the link, or start from the home page.', status: 404 }, 404));
}
