import type { Kysely } from 'kysely';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Database } from '../store/database.js';

/** A message the dispatcher gave up on, as the admin site lists it. */
export interface DeadLetter {
  readonly id: number;
  readonly kind: string;
  readonly dedupeKey: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

/**
 * A community's dead letters, newest first (reads `outbox_dead_idx`). Scoped
 * to one community: callers pass the community the admin acts in.
 */
export async function listDeadLetters(db: Kysely<Database>, communityId: number, options: { limit?: number } = {}): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'kind', 'dedupe_key', 'attempts', 'last_error', 'created_at'])
    .where('community_id', '=', communityId)
    .where('status', '=', 'DEAD')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
  }));
}

/**
 * Puts a dead letter back in the queue: PENDING, no failures counted, due now.
 * The last error stays until the next attempt replaces it, so the admin still
 * sees why it failed. Only a DEAD row of this community qualifies, so an admin
 * cannot touch another community's messages by guessing ids.
 */
export async function retryDeadLetter(db: Kysely<Database>, communityId: number, id: number, now: Date): Promise<Outcome<{ id: number }>> {
  const updated = await db
    .updateTable('outbox')
    .set({ status: 'PENDING', attempts: 0, due_at: now, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('community_id', '=', communityId)
    .where('status', '=', 'DEAD')
    .returning('id')
    .executeTakeFirst();
  return updated ? ok({ id: updated.id }) : fail('not-found', 'There is no failed message with that number in this community.');
}
