import type { FastifyPluginAsync } from 'fastify';
import { checkReadiness, type ReadinessCheck } from '../health.js';

export interface HealthRoutesOptions {
  readiness: readonly ReadinessCheck[];
  /** True once shutdown began: readiness then fails so a load balancer stops sending work. */
  isShuttingDown: () => boolean;
}

/** `GET /healthz`: the process is alive. `GET /readyz`: it can serve (database and coordination answer). */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, options) => {
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    if (options.isShuttingDown()) {
      return reply.code(503).send({ status: 'shutting down', checks: {} });
    }
    const report = await checkReadiness(options.readiness);
    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });
};
