import type { Kysely } from 'kysely';
import type { Clock } from '../core/ports/clock.js';
import type { RateLimiter } from '../core/ports/coordination.js';
import type { Database } from '../core/store/database.js';

/** What the admin site needs from the process (bot/app.ts wires it). */
export interface AdminSiteOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** Where people reach the site, e.g. https://mentor.example.org; links and cookie security follow it. */
  readonly publicUrl: string;
  /** The process's SECRET_KEY: it keys the HMAC that binds CSRF tokens to a session. */
  readonly secretKey: string;
  /** Cookies marked Secure (HTTPS only). Defaults to whether `publicUrl` is https. */
  readonly secureCookies?: boolean;
  /**
   * Where rate-limit counters live. Unset: in this process's memory (one
   * instance). Pass `coordination.rateLimits` to count on Redis when
   * REDIS_URL is set, so limits hold across replicas.
   */
  readonly rateLimiter?: RateLimiter;
  /** Compile each template once (production); off re-reads templates on every render, for editing them live. */
  readonly cacheTemplates?: boolean;
}
