import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { RateLimiter } from '../../../core/ports/coordination.js';

/**
 * Rate limits, per route (`config: { rateLimit: { max, timeWindow } }`) and
 * per client IP; routes without that config are not limited. Counters live
 * in memory unless a coordination {@link RateLimiter} is given: that is the
 * hook for Redis (bot/app.ts passes `coordination.rateLimits`, which is
 * Redis-backed when REDIS_URL is set).
 */
export async function registerRateLimit(app: FastifyInstance, options: { limiter?: RateLimiter }): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    ...(options.limiter ? { store: coordinationStore(options.limiter) } : {}),
  });
}

interface StoreResult {
  current: number;
  ttl: number;
}

/** Adapts the coordination rate limiter to @fastify/rate-limit's store interface (incr + child). */
function coordinationStore(limiter: RateLimiter) {
  return class CoordinationRateLimitStore {
    private readonly prefix: string;

    // The plugin builds one store per limited route from the route's merged options, which carry `routeInfo`.
    constructor(params: object = {}) {
      const route = (params as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      this.prefix = `web:${route?.method ?? ''}:${route?.url ?? 'global'}`;
    }

    // The plugin passes the route's window and maximum too, though its types declare only the first two arguments.
    incr(key: string, callback: (error: Error | null, result?: StoreResult) => void, timeWindow = 60_000, max = 1): void {
      limiter.hit(`${this.prefix}:${key}`, Math.max(1, max), Math.max(1, timeWindow)).then(
        (result) => callback(null, { current: result.allowed ? max - result.remaining : max + 1, ttl: result.retryAfterMs || timeWindow }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object) {
      return new CoordinationRateLimitStore(routeOptions);
    }
  };
}
