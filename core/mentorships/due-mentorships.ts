import type { Kysely } from 'kysely';
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
