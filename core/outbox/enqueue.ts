import type { Kysely } from 'kysely';
import type { Message } from '../reply.js';
import type { Database } from '../store/database.js';

/** A direct message to one member, delivered by the outbox dispatcher. */
export interface DirectMessagePayload {
  readonly recipientMemberId: number;
  readonly message: Message;
}

export interface OutboxEntry {
  readonly communityId: number;
  readonly kind: 'dm';
  readonly payload: DirectMessagePayload;
  /** Unique per effect, e.g. `erasure:${memberId}:notice:${otherId}`: the same effect is never queued twice. */
  readonly dedupeKey: string;
  readonly dueAt?: Date;
}

/**
 * Queues a side effect. Call it with the transaction that makes the change
 * causing it, so both happen or neither does. A second entry with the same
 * dedupe key is ignored, which makes retried use cases safe. Dates in the
 * payload (time segments) are stored as ISO strings.
 *
 * @returns whether a new entry was queued.
 */
export async function enqueue(db: Kysely<Database>, entry: OutboxEntry): Promise<boolean> {
  const inserted = await db
    .insertInto('outbox')
    .values({
      community_id: entry.communityId,
      kind: entry.kind,
      payload: JSON.stringify(entry.payload),
      dedupe_key: entry.dedupeKey,
      ...(entry.dueAt ? { due_at: entry.dueAt } : {}),
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
