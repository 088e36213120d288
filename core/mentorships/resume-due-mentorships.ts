import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { localToday } from './calendar.js';
import { transitionEach } from './due-mentorships.js';

/**
 * Resumes paused relations whose resume date is on or before the day of
 * `asOf` (default: now) in the community's timezone; the pair is told in their
 * space. The scheduler passes its slot's time, so a catch-up run never resumes
 * a relation before its day.
 */
export async function resumeDueMentorships(deps: CoreDeps, actor: Actor, input: { communityId: number; asOf?: Date }): Promise<Outcome<{ resumed: number }>> {
  const denied = authorize(actor, 'mentorships.resume-due');
  if (denied) return denied;
  const now = deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const due = await deps.db
    .selectFrom('mentorships')
    .select('id')
    .where('community_id', '=', community.id)
    .where('status', '=', 'PAUSED')
    .where('paused_until', '<=', localToday(input.asOf ?? now, community.timezone))
    .orderBy('id')
    .execute();
  const resumed = await transitionEach(deps.db, community.id, due.map((row) => row.id), 'resume', 'PAUSED', now);
  return ok({ resumed });
}
