import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { transitionDueByDate } from './due-mentorships.js';

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
  const completed = await transitionDueByDate(deps.db, {
    communityId: input.communityId, status: 'ACCEPTED', dateColumn: 'end_date', action: 'complete', asOf: input.asOf ?? now, now,
  });
  return ok({ completed });
}
