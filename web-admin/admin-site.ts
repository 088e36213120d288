import type { FastifyPluginAsync } from 'fastify';
import type { AdminSiteOptions } from './options.js';
import { registerErrorPages } from './plugins/app/errors.js';
import { registerSession, sessionCookie } from './plugins/app/session.js';
import { registerForms } from './plugins/external/forms.js';
import { registerRateLimit } from './plugins/external/rate-limit.js';
import { registerSecurityHeaders } from './plugins/external/security.js';
import { registerViews } from './plugins/external/views.js';
import { communityRoutes } from './routes/community/index.js';
import { homeRoutes } from './routes/home.routes.js';
import { loginRoutes } from './routes/login.routes.js';
import { publicRoutes } from './routes/public.routes.js';

/**
 * The admin site and the public program pages: server-rendered HTML that
 * works without JavaScript. External plugins first (headers, cookies, forms
 * with CSRF, rate limits, views), then the app's own (session, error pages),
 * then the routes by URL. Registered as a child of the web app, so the health
 * routes keep their JSON answers and none of these hooks.
 */
export const adminSite: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const secure = options.secureCookies ?? options.publicUrl.startsWith('https:');
  const cookie = sessionCookie(secure);

  await registerSecurityHeaders(app, { secure });
  await registerForms(app, { secure, secretKey: options.secretKey });
  await registerRateLimit(app, { ...(options.rateLimiter ? { limiter: options.rateLimiter } : {}) });
  await registerViews(app, { cacheTemplates: options.cacheTemplates ?? true });

  registerSession(app, options, cookie);
  app.decorateRequest('admin', null);
  registerErrorPages(app);

  await app.register(homeRoutes, options);
  await app.register(loginRoutes, { ...options, cookie });
  await app.register(publicRoutes, options);
  // The prefix goes on a wrapper, so it is not handed down again inside the options of each route file.
  await app.register(async (scoped) => scoped.register(communityRoutes, { ...options, cookie }), { prefix: '/c/:communityId' });
};
