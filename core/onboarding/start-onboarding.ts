import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { ensureMember } from '../members/ensure-member.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { onboardingPrompt, type OnboardingPrompt } from './onboarding-prompt.js';
import { loadSectionContext } from './section-context.js';

/**
 * `/mentor join`: meets the person if they are new, then shows the step where
 * their onboarding stands, so an interrupted onboarding resumes where it
 * stopped (each finished step was saved). A finished onboarding answers with
 * the welcome and a link to the profile.
 */
export async function startOnboarding(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { displayName: string }): Promise<Outcome<OnboardingPrompt>> {
  const denied = authorize(actor, 'onboarding.start');
  if (denied) return denied;
  if (actor.kind !== 'member') return fail('forbidden', 'Only members can do this.');

  let memberId = actor.memberId;
  if (memberId === null) {
    const community = await requireCommunity(deps.db, actor.communityId);
    const met = await ensureMember(deps.db, community.settings, {
      communityId: actor.communityId,
      platformUserId: actor.platformUserId,
      displayName: input.displayName.trim() || 'Member',
    });
    memberId = met.memberId;
  }
  const context = await loadSectionContext(deps.db, actor.communityId, memberId);
  if (!context) throw new NotFoundError(`member ${memberId} is not in community ${actor.communityId}`);
  return ok(onboardingPrompt(context, context.member.onboardingStep));
}
