import type { Kysely } from 'kysely';
import { requireCommunity } from '../communities/community.repository.js';
import { localToday } from './calendar.js';
import { systemActor } from '../access/actor.js';
import type { Database, MentorshipStatus } from '../store/database.js';
import type { MentorshipAction } from './transition-table.js';
import { lockMentorship, transition } from './transitions.js';

/**
 * Runs one system transition on each mentorship of `ids`, each in its own
 * transaction so one bad row never holds the rest back. Re-reads the row
 * under lock: a member may have acted since the job listed it, and then the
 * table answers (already done, wrong state) and the row is skipped.
 *
 * @returns how many changed.
 */
export async function transitionEach(db: Kysely<Database>, communityId: number, ids: readonly number[], action: MentorshipAction, expected: MentorshipStatus, now: Date): Promise<number> {
  let changed = 0;
  for (const id of ids) {
    const done = await db.transaction().execute(async (trx) => {
      const mentorship = await lockMentorship(trx, communityId, id);
      if (!mentorship || mentorship.status !== expected) return false;
      return (await transition(trx, { mentorship, action, actor: systemActor, now })).ok;
    });
    if (done) changed++;
  }
  return changed;
}

/**
 * The daily date-driven transitions: every mentorship of one community in
 * `status` whose `dateColumn` is on or before the day of `asOf` in the
 * community's timezone gets `action`. Both jobs that use it read the day from
 * their slot's time, not the clock, so a catch-up run never acts before the day.
 *
 * @returns how many changed.
 */
export async function transitionDueByDate(
  db: Kysely<Database>,
  input: { communityId: number; status: 'ACCEPTED' | 'PAUSED'; dateColumn: 'end_date' | 'paused_until'; action: MentorshipAction; asOf: Date; now: Date },
): Promise<number> {
  const community = await requireCommunity(db, input.communityId);
  const due = await db
    .selectFrom('mentorships')
    .select('id')
    .where('community_id', '=', community.id)
    .where('status', '=', input.status)
    .where(input.dateColumn, '<=', localToday(input.asOf, community.timezone))
    .orderBy('id')
    .execute();
  return transitionEach(db, community.id, due.map((row) => row.id), input.action, input.status, input.now);
}
