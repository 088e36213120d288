import type { Kysely } from 'kysely';
import type { OutboxItem } from '../ports/delivery.js';
import type { Database } from '../store/database.js';

/** A dispatcher `deferUntil` hook: a later date to move the row to without an attempt, or null to deliver now. */
export type Deferral = (item: OutboxItem, now: Date) => Promise<Date | null>;

/**
 * The dispatcher's `deferUntil` for 'community.leave': the bot leaves the
 * server only once nothing else of the community waits in the outbox. The
 * uninstall's closing notices, and the closing posts and archives of the
 * pairs' threads, need the bot still there: Discord refuses a DM to someone
 * the bot shares no server with. Those rows may be waiting for quiet hours or
 * a digest, or backing off after a failure; the leave moves just behind the
 * last of them, without counting an attempt. Every row ends (sent, or dead
 * after its retries) and the uninstalled community queues nothing new, so the
 * wait ends. Another leave row is not waited for, so two never hold each other.
 */
export function communityLeaveDeferral(db: Kysely<Database>): Deferral {
  return async (item, now) => {
    if (item.kind !== 'community.leave') return null;
    const row = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.max('due_at').as('last'))
      .where('community_id', '=', item.communityId)
      .where('status', '=', 'PENDING')
      .where('kind', '!=', 'community.leave')
      .where('id', '!=', item.id)
      .executeTakeFirst();
    if (!row?.last) return null;
    // A row claimed right now is due at its lease's end: the leave comes back after that, or after it is delivered.
    return new Date(Math.max(new Date(row.last).getTime(), now.getTime()) + 1_000);
  };
}

/** Several `deferUntil` hooks as one: the latest date any of them asks for, or null when none defers. */
export function combineDeferrals(...hooks: readonly Deferral[]): Deferral {
  return async (item, now) => {
    let latest: Date | null = null;
    for (const hook of hooks) {
      const later = await hook(item, now);
      if (later && (!latest || later > latest)) latest = later;
    }
    return latest;
  };
}
