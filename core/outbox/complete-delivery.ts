import type { Kysely } from 'kysely';
import type { DeliveryResult } from '../ports/delivery.js';
import type { Database } from '../store/database.js';
import { retryDelayMs, type RetryPolicy } from './backoff.js';
import type { ClaimedItem } from './claim-due.js';

/** What became of a row after a delivery attempt. */
export type DeliveryOutcome = 'sent' | 'retry' | 'rate-limited' | 'dead' | 'lost-lease';

// last_error is for people reading the admin site, not a log sink.
const maxErrorLength = 1_000;

function clip(error: string): string {
  return error.length > maxErrorLength ? `${error.slice(0, maxErrorLength - 1)}…` : error;
}

/**
 * Records how a delivery went. Every update is guarded by the claim token: a
 * worker whose lease ran out and whose row was claimed again by another must
 * not overwrite what the new holder records ('lost-lease', nothing written).
 *
 * - sent: SENT with `sent_at`.
 * - retry with `retryAfterMs` (a 429): due again exactly then, not counted as a failure.
 * - retry: one more failure, due again after an exponential backoff with jitter;
 *   the failure that reaches `maxAttempts` makes the row DEAD instead.
 * - failed (permanent): DEAD at once.
 *
 * The last error is kept in every case but success, for the admin site.
 */
export async function completeDelivery(
  db: Kysely<Database>,
  item: ClaimedItem,
  result: DeliveryResult,
  context: { readonly now: Date; readonly policy: RetryPolicy; readonly random: () => number },
): Promise<DeliveryOutcome> {
  const release = { locked_by: null, locked_until: null } as const;
  let outcome: DeliveryOutcome;
  let changes;
  if (result.status === 'sent') {
    outcome = 'sent';
    changes = { ...release, status: 'SENT' as const, sent_at: context.now, last_error: null };
  } else if (result.status === 'retry' && result.retryAfterMs !== undefined) {
    outcome = 'rate-limited';
    const dueAt = new Date(context.now.getTime() + Math.max(0, result.retryAfterMs));
    changes = { ...release, due_at: dueAt, last_error: clip(`rate limited: ${result.error}`) };
  } else {
    const attempts = item.attempts + 1;
    const dead = result.status === 'failed' || attempts >= context.policy.maxAttempts;
    outcome = dead ? 'dead' : 'retry';
    const dueAt = new Date(context.now.getTime() + retryDelayMs(attempts, context.policy, context.random));
    changes = dead
      ? { ...release, status: 'DEAD' as const, attempts, last_error: clip(result.error) }
      : { ...release, attempts, due_at: dueAt, last_error: clip(result.error) };
  }
  const updated = await guarded(db, item).set(changes).executeTakeFirst();
  return updated.numUpdatedRows > 0n ? outcome : 'lost-lease';
}

/**
 * Moves a claimed row to a later time without an attempt (quiet hours, digest
 * preferences): the message is deferred, never dropped.
 *
 * @returns false when the lease was lost and nothing changed.
 */
export async function deferDelivery(db: Kysely<Database>, item: ClaimedItem, until: Date): Promise<boolean> {
  const updated = await guarded(db, item).set({ locked_by: null, locked_until: null, due_at: until }).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/**
 * Gives claimed rows back untouched, due at `now`, so another worker takes them
 * at once instead of after the lease (a dispatcher stopping mid-batch).
 */
export async function releaseClaims(db: Kysely<Database>, items: readonly ClaimedItem[], now: Date): Promise<void> {
  const first = items[0];
  if (!first) return;
  await db
    .updateTable('outbox')
    .set({ locked_by: null, locked_until: null, due_at: now })
    .where('id', 'in', items.map((item) => item.id))
    .where('locked_by', '=', first.claimToken)
    .where('status', '=', 'PENDING')
    .execute();
}

function guarded(db: Kysely<Database>, item: ClaimedItem) {
  return db
    .updateTable('outbox')
    .where('id', '=', item.id)
    .where('locked_by', '=', item.claimToken)
    .where('status', '=', 'PENDING');
}
