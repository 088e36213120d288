import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { transitionDueByDate } from './due-mentorships.js';

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
  const resumed = await transitionDueByDate(deps.db, {
    communityId: input.communityId, status: 'PAUSED', dateColumn: 'paused_until', action: 'resume', asOf: input.asOf ?? now, now,
  });
  return ok({ resumed });
}
