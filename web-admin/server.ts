import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../bot/logger.js';
import { webApp, type WebAppOptions } from './app.js';

/** Builds the Fastify instance with the web app registered; the caller decides whether to listen. */
export async function createWebServer(logger: Logger, options: WebAppOptions): Promise<FastifyInstance> {
  const server = Fastify({ loggerInstance: logger.child({ component: 'web' }) as FastifyBaseLogger, trustProxy: true, forceCloseConnections: 'idle' });
  await server.register(webApp, options);
  return server;
}
