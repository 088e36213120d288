import type { FastifyPluginAsync } from 'fastify';
import { adminSite } from './admin-site.js';
import type { AdminSiteOptions } from './options.js';
import { healthRoutes, type HealthRoutesOptions } from './routes/health.routes.js';

export type { AdminSiteOptions } from './options.js';

export interface WebAppOptions extends HealthRoutesOptions {
  /** The admin site and public pages; left out, the server answers only the health checks. */
  readonly admin?: AdminSiteOptions;
}

/**
 * The web site as a Fastify plugin: `server.ts` only creates the instance and
 * listens, so tests register this plugin and use `inject` without a port.
 */
export const webApp: FastifyPluginAsync<WebAppOptions> = async (app, options) => {
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    // Server errors never show their details to the visitor.
    return reply.code(status).send({ error: status >= 500 ? 'Something went wrong on our side.' : error.message });
  });
  await app.register(healthRoutes, options);
  if (options.admin) await app.register(adminSite, options.admin);
};
