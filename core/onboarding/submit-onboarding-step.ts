import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { updateMember } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { FormValues } from '../reply.js';
import type { OnboardingStep } from '../store/database.js';
import { onboardingPrompt, type OnboardingPrompt } from './onboarding-prompt.js';
import type { SaveSection } from './section.js';
import { loadSectionContext } from './section-context.js';
import { isBefore, isSectionStep, sections, stepAfter } from './steps.js';

/**
 * Saves one onboarding step and moves to the next, in one transaction: the
 * answers and the progress are saved together or not at all. The code of
 * conduct step is submitted by its accept button, with no values.
 *
 * Submitting a step already passed (a form sent twice, an old modal) saves the
 * answers without moving back; a step not reached yet is refused.
 *
 * @returns the prompt for the step the member is now at.
 */
export async function submitOnboardingStep(
  deps: CoreDeps,
  actor: Actor,
  input: { step: OnboardingStep; values: FormValues },
): Promise<Outcome<OnboardingPrompt>> {
  const auth = authorizeMember(actor, 'onboarding.submit');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;

  return deps.db.transaction().execute(async (trx) => {
    const context = await loadSectionContext(trx, communityId, memberId, { lock: true });
    if (!context) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    const current = context.member.onboardingStep;
    if (input.step === 'DONE' || isBefore(current, input.step)) {
      return fail('wrong-step', 'Finish the earlier onboarding steps first.');
    }

    let save: SaveSection;
    if (isSectionStep(input.step)) {
      const parsed = sections[input.step].parse(input.values, context);
      if (!parsed.ok) return parsed;
      save = parsed.value;
    } else {
      save = (db, now) => updateMember(db, communityId, memberId, { code_of_conduct_accepted_at: now }, now);
    }

    const now = deps.clock.now();
    await save(trx, now);
    let step = current;
    if (input.step === current) {
      step = stepAfter(current, context.settings);
      await updateMember(trx, communityId, memberId, { onboarding_step: step, ...(step === 'DONE' ? { onboarded_at: now } : {}) }, now);
    }
    const updated = await loadSectionContext(trx, communityId, memberId);
    if (!updated) throw new NotFoundError(`member ${memberId} vanished during onboarding`);
    return ok(onboardingPrompt(updated, step));
  });
}
