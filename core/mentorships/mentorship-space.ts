import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/**
 * The pair's private space as the adapters see it. The adapter that delivers
 * 'space.create' stores the platform's id of the space it created here; the
 * ones delivering 'space.post', 'space.archive' and 'space.reopen' read it back.
 */

/**
 * Stores the id of the space created for a mentorship. Idempotent: storing the
 * same id again answers true. Answers false when the mentorship already has
 * another space (a retried create that did create twice): the adapter should
 * then post into the stored space and remove the one it just made.
 */
export async function attachSpace(db: Kysely<Database>, mentorshipId: number, spaceId: string): Promise<boolean> {
  const updated = await db
    .updateTable('mentorships')
    .set({ space_id: spaceId })
    .where('id', '=', mentorshipId)
    .where((eb) => eb.or([eb('space_id', 'is', null), eb('space_id', '=', spaceId)]))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** The space of a mentorship: null while it has none yet (its 'space.create' is still queued). */
export async function findMentorshipSpace(db: Kysely<Database>, mentorshipId: number): Promise<{ communityId: number; spaceId: string } | null> {
  const row = await db.selectFrom('mentorships').select(['community_id', 'space_id']).where('id', '=', mentorshipId).executeTakeFirst();
  return row?.space_id ? { communityId: row.community_id, spaceId: row.space_id } : null;
}

/** The dedupe key of a mentorship's one 'space.create' (queued when the relation starts, see `transition-effects.ts`). */
export function spaceCreateKey(mentorshipId: number): string {
  return `mentorship:${mentorshipId}:space.create`;
}

/**
 * Whether the mentorship's 'space.create' still waits in the outbox: then a
 * row for its space waits too ('retry'). Without one queued (delivered, dead,
 * or never queued) a missing space will not come by itself.
 */
export async function isSpaceCreatePending(db: Kysely<Database>, mentorshipId: number): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id').where('dedupe_key', '=', spaceCreateKey(mentorshipId)).where('status', '=', 'PENDING').executeTakeFirst();
  return row !== undefined;
}

/**
 * Attaches a space an earlier mentorship of the pair may hold already: a
 * Slack group DM is one conversation per set of people, so a pair's new
 * mentorship opens the same group DM as their last one. The earlier
 * mentorship, which is over, lets it go (its history stays in its events);
 * a space held by a running or paused mentorship is never taken. Answers as
 * {@link attachSpace} does, and false when the space is held by a running one.
 */
export async function takeOverSpace(db: Kysely<Database>, mentorshipId: number, spaceId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const mentorship = await trx.selectFrom('mentorships').select('community_id').where('id', '=', mentorshipId).executeTakeFirst();
    if (!mentorship) return false;
    const holder = await trx
      .selectFrom('mentorships')
      .select(['id', 'status'])
      .where('community_id', '=', mentorship.community_id)
      .where('space_id', '=', spaceId)
      .where('id', '!=', mentorshipId)
      .forUpdate()
      .executeTakeFirst();
    if (holder) {
      if (holder.status === 'ACCEPTED' || holder.status === 'PAUSED') return false;
      await trx.updateTable('mentorships').set({ space_id: null }).where('id', '=', holder.id).execute();
    }
    return attachSpace(trx, mentorshipId, spaceId);
  });
}
