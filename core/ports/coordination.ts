/**
 * What replicas of the bot need to agree on, and nothing more: who runs a cron
 * tick, how often a member may act, which platform events were already handled,
 * and short-lived values such as admin web sessions.
 *
 * Two implementations exist: Redis (several replicas) and in-process (one
 * instance, `REDIS_URL` unset). Both pass the same contract suite in
 * `adapters/coordination/coordination.contract.ts`, so the core may rely on
 * every behaviour documented here whichever one is wired.
 *
 * All durations are whole milliseconds greater than zero; anything else is a
 * programming error and rejects with a `RangeError`. Keys are free-form strings:
 * locks, rate limits, dedupe marks and values live in separate namespaces, so
 * the same key used by two of them never collides.
 */

/** A held lock. Only the lease that took the lock can release or extend it. */
export interface Lease {
  /** The key passed to {@link Locks.acquire}. */
  readonly key: string;
  /** Random and unique per acquisition: it tells this holder apart from later holders of the same key. */
  readonly token: string;
  /**
   * Give the lock up. False when this lease no longer holds it: already
   * released, or its TTL ran out (whether or not someone else took it since).
   */
  release(): Promise<boolean>;
  /**
   * Keep holding the lock for `ttlMs` from now. False, and nothing changes,
   * when this lease no longer holds it.
   */
  extend(ttlMs: number): Promise<boolean>;
}

export interface Locks {
  /** Take the lock if nobody holds it (or the holder's TTL ran out); null when it is held. */
  acquire(key: string, ttlMs: number): Promise<Lease | null>;
}

export interface RateLimitResult {
  /** Whether this hit is within the limit. A refused hit should not do the work it guards. */
  allowed: boolean;
  /** Hits still allowed in the current window after this one (0 when refused). */
  remaining: number;
  /**
   * How long until the next hit can be allowed: 0 while `remaining > 0`,
   * otherwise the time left in the current window. Suitable for "try again in N s".
   */
  retryAfterMs: number;
}

export interface RateLimiter {
  /**
   * Count one hit against `key` in a window of `windowMs`; at most `limit` hits are allowed per window.
   *
   * The window is fixed: it opens at the first hit on an idle key and lasts
   * `windowMs`; the next hit after it closes opens a new one. A burst of up to
   * `2 * limit` hits is therefore possible across a window boundary, which is
   * acceptable for per-member command limits and keeps both implementations a
   * single atomic counter. Refused hits still count, but never lengthen the window.
   * `limit` must be a whole number of at least 1.
   */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}

export interface Dedupe {
  /**
   * True the first time a key is seen within ttlMs, false for every repeat (e.g. Slack retries an event within minutes).
   *
   * Repeats do not extend the mark: the key is forgotten `ttlMs` after it was first seen.
   * Atomic: of concurrent calls with the same key, exactly one gets true.
   */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
}

/** Small string values that expire on their own, such as admin web sessions or one-time login tokens. */
export interface ShortLivedValues {
  /** The value, or null when it was never set, was deleted, or expired. */
  get(key: string): Promise<string | null>;
  /** Store (or replace) the value; it expires `ttlMs` from now. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Remove the value; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Read and delete in one step: exactly one caller gets the value (single-use tokens). */
  take(key: string): Promise<string | null>;
}

export interface Coordination {
  /** Which implementation is wired, for logs and the readiness report. */
  readonly kind: 'redis' | 'in-process';
  readonly locks: Locks;
  readonly rateLimits: RateLimiter;
  readonly dedupe: Dedupe;
  readonly values: ShortLivedValues;
  /** Throws when the backing service is unreachable (readiness check). */
  ping(): Promise<void>;
  /** Release the connection or timers; every call afterwards rejects. Calling it twice is harmless. */
  close(): Promise<void>;
}
