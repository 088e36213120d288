import { startOnboarding } from '../../../../core/onboarding/start-onboarding.js';
import { submitOnboardingStep } from '../../../../core/onboarding/submit-onboarding-step.js';
import { problemReply } from '../../../../core/problem-reply.js';
import type { OnboardingStep } from '../../../../core/store/database.js';
import { StaleInteractionError } from '../../errors.js';
import type { ActionHandler } from '../../handler.js';

const steps: readonly OnboardingStep[] = ['PROFILE', 'GOALS', 'SCHEDULE', 'CODE_OF_CONDUCT'];

function isStep(value: string | undefined): value is OnboardingStep {
  return steps.includes(value as OnboardingStep);
}

/**
 * `onboard:open:<step>` (Continue, Join in the App Home): the form of the step
 * the member is at now. A button from an older message opens the current
 * step, so nothing is answered twice; a finished onboarding answers with its message.
 */
export const openOnboardingStep: ActionHandler = async ({ deps, actor, displayName, respond }) => {
  const prompt = await startOnboarding(deps, actor, { displayName });
  if (!prompt.ok) return respond.send(problemReply(prompt.problem));
  await (prompt.value.modal ? respond.showModal(prompt.value.modal) : respond.send(prompt.value.message));
};

/**
 * `onboard:submit:<step>`: a step's form, or the code of conduct's accept
 * button. Saved, the form turns into the next form in place
 * (`response_action: update`), so the whole onboarding happens in one modal:
 * the skill levels when the core puts them first (right after the goals),
 * else the next step's form; refused, each problem shows under its field and
 * nothing is saved.
 */
export const submitOnboarding: ActionHandler = async ({ deps, actor, displayName, respond }, { args, values }) => {
  const [step] = args;
  if (!isStep(step)) throw new StaleInteractionError(`onboarding step ${String(step)} does not exist`);
  const outcome = await submitOnboardingStep(deps, actor, { step, values });
  if (!outcome.ok) {
    // Outside a form (a message with field problems) the fields are named by the labels of the current form.
    const current = outcome.problem.fields ? await startOnboarding(deps, actor, { displayName }) : null;
    return respond.problem(outcome.problem, current?.ok && current.value.step === step ? current.value.modal ?? undefined : undefined);
  }
  const form = outcome.value.levels ?? outcome.value.modal;
  await (form ? respond.showModal(form) : respond.send(outcome.value.message));
};
