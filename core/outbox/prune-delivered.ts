import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/**
 * How long a sent message's row is kept. While it exists its dedupe key is
 * taken, so a use case retried within this time cannot send the message again;
 * 90 days is far beyond any retry, and keeps the table from growing forever.
 */
export const sentRetentionDays = 90;

/**
 * Deletes rows delivered more than the retention ago; dead letters stay until
 * an admin retries them or their community goes.
 *
 * @returns how many rows were deleted.
 */
export async function pruneDeliveredOutbox(db: Kysely<Database>, now: Date, retentionDays = sentRetentionDays): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const deleted = await db.deleteFrom('outbox').where('status', '=', 'SENT').where('sent_at', '<', before).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
