import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { localToday } from './calendar.js';
import { transitionEach } from './due-mentorships.js';

/**
 * Seed 003's daily job: completes every running relation of one community
 * whose end date is on or before the day of `asOf` (default: now), in the
 * community's timezone. The scheduler calls it at 23:59 local and passes the
 * slot's time as `asOf`, so the end date is the last day of the relation even
 * when a late replica catches up a missed slot the next day: reading "today"
 * from the clock there would complete relations ending on the catch-up day
 * before that day is over. Each completion closes the space with a feedback
 * prompt, then archives it.
 */
export async function completeDueMentorships(deps: CoreDeps, actor: Actor, input: { communityId: number; asOf?: Date }): Promise<Outcome<{ completed: number }>> {
  const denied = authorize(actor, 'mentorships.complete-due');
  if (denied) return denied;
  const now = deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const due = await deps.db
    .selectFrom('mentorships')
    .select('id')
    .where('community_id', '=', community.id)
    .where('status', '=', 'ACCEPTED')
    .where('end_date', '<=', localToday(input.asOf ?? now, community.timezone))
    .orderBy('id')
    .execute();
  const completed = await transitionEach(deps.db, community.id, due.map((row) => row.id), 'complete', 'ACCEPTED', now);
  return ok({ completed });
}
