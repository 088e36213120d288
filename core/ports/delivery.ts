import type { Platform } from '../store/database.js';

/**
 * What a chat platform adapter implements so the outbox dispatcher can deliver
 * through it. The dispatcher owns retries, backoff, pacing and dead letters;
 * an adapter only makes one attempt and says how it went.
 */

/** One claimed outbox row, as an adapter receives it. */
export interface OutboxItem {
  readonly id: number;
  readonly communityId: number;
  readonly platform: Platform;
  /** What to do, e.g. 'dm'; the payload's shape depends on it (see `core/outbox/enqueue.ts`). */
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /**
   * Unique per effect. Adapters pass it to the platform where the platform
   * can deduplicate (Discord: message `nonce` with `enforce_nonce: true`), which
   * closes the one window where the outbox alone could deliver twice: a worker
   * that delivered but died before recording it.
   */
  readonly dedupeKey: string;
  /** Failed attempts so far (rate-limit answers are not counted). */
  readonly attempts: number;
}

/** How one delivery attempt went. */
export type DeliveryResult =
  | { readonly status: 'sent' }
  /**
   * Worth trying again: a timeout, a 5xx, or a 429. With `retryAfterMs` (the
   * platform's `retry-after`), the row waits exactly that long and the attempt
   * is not counted as a failure; the pacer also holds the platform's queue.
   */
  | { readonly status: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  /** Will never succeed (unknown user, DMs closed, missing access): dead-lettered at once. */
  | { readonly status: 'failed'; readonly error: string };

export interface PlatformDelivery {
  readonly platform: Platform;
  /**
   * Makes one attempt. Should not throw: a thrown error is treated as a
   * retryable failure with the error's message.
   */
  deliver(item: OutboxItem): Promise<DeliveryResult>;
}
