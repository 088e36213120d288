import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';

/**
 * Cookies, url-encoded form bodies, and CSRF protection on every POST. The
 * CSRF secret sits in its own httpOnly cookie and each token is HMAC-bound to
 * the visitor's session (or to "anonymous" before sign-in), so a token taken
 * from one session is worthless in another.
 */
export async function registerForms(app: FastifyInstance, options: { secure: boolean; secretKey: string }): Promise<void> {
  await app.register(cookie);
  await app.register(formBody, { bodyLimit: 64 * 1024 });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: options.secure ? '__Host-mentor_csrf' : 'mentor_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.secure },
    getUserInfo: (request) => request.adminSession?.tokenHash ?? 'anonymous',
    csrfOpts: { hmacKey: options.secretKey },
  });
  // Every form posts: a POST without a valid token stops here with 403, before any handler runs.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST') app.csrfProtection(request, reply, done);
    else done();
  });
}
