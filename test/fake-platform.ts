import type { DeliveryResult, OutboxItem, PlatformDelivery } from '../core/ports/delivery.js';
import type { Platform } from '../core/store/database.js';

/** One answered attempt, in arrival order. */
export interface FakeAttempt {
  readonly dedupeKey: string;
  readonly result: DeliveryResult['status'] | '429';
  /** Arrival time in the platform's own (monotonic) milliseconds. */
  readonly at: number;
}

export interface FakePlatformOptions {
  readonly platform?: Platform;
  /** Enforce a budget like Discord's: more than `limit` arrivals in any `windowMs` get a 429 with retry-after. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** Where arrival times come from; default performance.now. */
  readonly now?: () => number;
}

/**
 * A chat platform for tests and benches: records what it delivered, and can
 * fail, rate-limit or hang on demand. "Delivered" means the platform accepted
 * the message; a key delivered twice shows up twice in {@link FakePlatform.delivered}.
 */
export interface FakePlatform extends PlatformDelivery {
  /** Dedupe keys of accepted messages, in order (duplicates kept). */
  readonly delivered: string[];
  readonly attempts: FakeAttempt[];
  /** How many 429s the rate limit (or {@link answer429}) produced. */
  tooManyRequests(): number;
  /** How many times each key was accepted. */
  countsByKey(): Map<string, number>;
  /** The next `count` attempts fail with a retryable error (an outage), then it recovers. */
  failNext(count: number, error?: string): void;
  /** The next attempt gets a 429 asking to come back after `retryAfterMs`. */
  answer429(retryAfterMs: number): void;
  /** Attempts for this key always fail permanently (an unknown user). */
  rejectKey(dedupeKey: string, error?: string): void;
  /** Attempts matching this never answer (a worker stuck mid-delivery, then killed). */
  hangWhen(predicate: (item: OutboxItem) => boolean): void;
}

export function createFakePlatform(options: FakePlatformOptions = {}): FakePlatform {
  const now = options.now ?? (() => performance.now());
  const delivered: string[] = [];
  const attempts: FakeAttempt[] = [];
  const arrivals: number[] = [];
  const rejected = new Map<string, string>();
  let failuresLeft = 0;
  let failureError = 'platform unavailable (503)';
  const pending429: number[] = [];
  let hang: ((item: OutboxItem) => boolean) | undefined;
  let limited = 0;

  function answer(item: OutboxItem): DeliveryResult & { status: DeliveryResult['status'] } {
    const at = now();
    const forced429 = pending429.shift();
    if (forced429 !== undefined) return tooMany(item, at, forced429);
    const rate = options.rateLimit;
    if (rate) {
      // Sliding window: count arrivals within the last windowMs, the strictest reading of "N per second".
      while (arrivals.length > 0 && arrivals[0]! <= at - rate.windowMs) arrivals.shift();
      if (arrivals.length >= rate.limit) return tooMany(item, at, Math.ceil(arrivals[0]! + rate.windowMs - at));
      arrivals.push(at);
    }
    const record = (result: DeliveryResult) => {
      attempts.push({ dedupeKey: item.dedupeKey, result: result.status, at });
      if (result.status === 'sent') delivered.push(item.dedupeKey);
      return result;
    };
    const reason = rejected.get(item.dedupeKey);
    if (reason !== undefined) return record({ status: 'failed', error: reason });
    if (failuresLeft > 0) {
      failuresLeft--;
      return record({ status: 'retry', error: failureError });
    }
    return record({ status: 'sent' });
  }

  function tooMany(item: OutboxItem, at: number, retryAfterMs: number): DeliveryResult & { status: 'retry' } {
    limited++;
    attempts.push({ dedupeKey: item.dedupeKey, result: '429', at });
    return { status: 'retry', error: '429 Too Many Requests', retryAfterMs };
  }

  return {
    platform: options.platform ?? 'discord',
    delivered,
    attempts,
    async deliver(item) {
      if (hang?.(item)) return new Promise<never>(() => undefined);
      return answer(item);
    },
    tooManyRequests: () => limited,
    countsByKey() {
      const counts = new Map<string, number>();
      for (const key of delivered) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    },
    failNext(count, error = failureError) {
      failuresLeft = count;
      failureError = error;
    },
    answer429(retryAfterMs) {
      pending429.push(retryAfterMs);
    },
    rejectKey(dedupeKey, error = 'Unknown User (10013)') {
      rejected.set(dedupeKey, error);
    },
    hangWhen(predicate) {
      hang = predicate;
    },
  };
}
