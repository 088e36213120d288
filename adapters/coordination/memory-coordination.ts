import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../core/ports/clock.js';
import type {
  Coordination,
  Dedupe,
  Lease,
  Locks,
  RateLimiter,
  RateLimitResult,
  ShortLivedValues,
} from '../../core/ports/coordination.js';

/**
 * How often (in clock time) a write sweeps the whole map for expired entries.
 * Reads drop the expired entry they hit; the sweep catches keys nobody reads
 * again (a dedupe mark per Slack event, a rate-limit counter per member), so
 * memory holds at most the live entries plus one interval's worth of dead ones.
 */
const SWEEP_INTERVAL_MS = 30_000;

interface Entry<V> {
  value: V;
  expiresAtMs: number;
}

/**
 * A map whose entries vanish at their expiry time, measured in milliseconds
 * supplied by the caller (so a fake clock drives it). Exported for its own test.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly sweepIntervalMs: number = SWEEP_INTERVAL_MS) {}

  /** Entries currently stored, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  /** The live entry for `key`, dropping it when it has expired. */
  get(key: string, nowMs: number): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: V, expiresAtMs: number, nowMs: number): void {
    this.sweepIfDue(nowMs);
    this.entries.set(key, { value, expiresAtMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private sweepIfDue(nowMs: number): void {
    // A clock that went backwards (wall-clock adjustment) also triggers a sweep, so one never stalls.
    if (nowMs - this.lastSweepMs < this.sweepIntervalMs && nowMs >= this.lastSweepMs) return;
    this.lastSweepMs = nowMs;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAtMs <= nowMs) this.entries.delete(key);
    }
  }
}

function assertDuration(name: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new RangeError(`${name} must be a whole number of milliseconds greater than 0, got ${ms}`);
  }
}

/**
 * The in-process implementation of {@link Coordination}, for a single instance
 * (`REDIS_URL` unset) and for tests. It coordinates nothing across processes:
 * two replicas wired with it would each believe they hold every lock.
 *
 * Every TTL is measured with `clock`, so a test can move time instead of sleeping.
 * Each operation completes synchronously inside its promise, which makes
 * check-and-set steps (acquire, firstSeen, take) atomic on Node's single thread.
 */
export function createMemoryCoordination(options: { clock?: Clock } = {}): Coordination {
  const clock = options.clock ?? systemClock;
  const nowMs = (): number => clock.now().getTime();

  const lockTokens = new ExpiringMap<string>();
  const hitCounts = new ExpiringMap<number>();
  const seenKeys = new ExpiringMap<true>();
  const storedValues = new ExpiringMap<string>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error('in-process coordination is closed');
  };

  const holds = (key: string, token: string): boolean => lockTokens.get(key, nowMs())?.value === token;

  const locks: Locks = {
    async acquire(key, ttlMs) {
      assertOpen();
      assertDuration('ttlMs', ttlMs);
      const now = nowMs();
      if (lockTokens.get(key, now) !== undefined) return null;
      const token = randomUUID();
      lockTokens.set(key, token, now + ttlMs, now);
      const lease: Lease = {
        key,
        token,
        async release() {
          assertOpen();
          if (!holds(key, token)) return false;
          lockTokens.delete(key);
          return true;
        },
        async extend(extendedTtlMs) {
          assertOpen();
          assertDuration('ttlMs', extendedTtlMs);
          if (!holds(key, token)) return false;
          const extendedAt = nowMs();
          lockTokens.set(key, token, extendedAt + extendedTtlMs, extendedAt);
          return true;
        },
      };
      return lease;
    },
  };

  const rateLimits: RateLimiter = {
    async hit(key, limit, windowMs): Promise<RateLimitResult> {
      assertOpen();
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
      }
      assertDuration('windowMs', windowMs);
      const now = nowMs();
      const window = hitCounts.get(key, now);
      const count = (window?.value ?? 0) + 1;
      const windowEndsAtMs = window?.expiresAtMs ?? now + windowMs;
      hitCounts.set(key, count, windowEndsAtMs, now);
      const remaining = Math.max(0, limit - count);
      return {
        allowed: count <= limit,
        remaining,
        retryAfterMs: remaining > 0 ? 0 : windowEndsAtMs - now,
      };
    },
  };

  const dedupe: Dedupe = {
    async firstSeen(key, ttlMs) {
      assertOpen();
      assertDuration('ttlMs', ttlMs);
      const now = nowMs();
      if (seenKeys.get(key, now) !== undefined) return false;
      seenKeys.set(key, true, now + ttlMs, now);
      return true;
    },
  };

  const values: ShortLivedValues = {
    async get(key) {
      assertOpen();
      return storedValues.get(key, nowMs())?.value ?? null;
    },
    async set(key, value, ttlMs) {
      assertOpen();
      assertDuration('ttlMs', ttlMs);
      const now = nowMs();
      storedValues.set(key, value, now + ttlMs, now);
    },
    async delete(key) {
      assertOpen();
      storedValues.delete(key);
    },
    async take(key) {
      assertOpen();
      const entry = storedValues.get(key, nowMs());
      if (entry === undefined) return null;
      storedValues.delete(key);
      return entry.value;
    },
  };

  return {
    kind: 'in-process',
    locks,
    rateLimits,
    dedupe,
    values,
    async ping() {
      assertOpen();
    },
    async close() {
      closed = true;
      for (const map of [lockTokens, hitCounts, seenKeys, storedValues]) map.clear();
    },
  };
}
