import { onboardingStepArg } from '../../../../core/interactions/actions/onboarding.actions.js';
import { startOnboarding } from '../../../../core/onboarding/start-onboarding.js';
import { submitOnboardingStep } from '../../../../core/onboarding/submit-onboarding-step.js';
import type { ActionHandler } from '../../handler.js';

/**
 * `onboard:submit:<step>`: a step's form, or the code of conduct's accept
 * button. Saved, the form turns into the next form in place
 * (`response_action: update`), so the whole onboarding happens in one modal:
 * the skill levels when the core puts them first (right after the goals),
 * else the next step's form; refused, each problem shows under its field and
 * nothing is saved.
 */
export const submitOnboarding: ActionHandler = async ({ deps, actor, displayName, respond }, { args, values }) => {
  const step = onboardingStepArg(args);
  const outcome = await submitOnboardingStep(deps, actor, { step, values });
  if (!outcome.ok) {
    // Outside a form (a message with field problems) the fields are named by the labels of the current form.
    const current = outcome.problem.fields ? await startOnboarding(deps, actor, { displayName }) : null;
    return respond.problem(outcome.problem, current?.ok && current.value.step === step ? current.value.modal ?? undefined : undefined);
  }
  const form = outcome.value.levels ?? outcome.value.modal;
  await (form ? respond.showModal(form) : respond.send(outcome.value.message));
};
