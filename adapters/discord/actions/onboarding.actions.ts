import { interactionId } from '../../../core/interaction-ids.js';
import { onboardingStepArg } from '../../../core/interactions/actions/onboarding.actions.js';
import { startOnboarding } from '../../../core/onboarding/start-onboarding.js';
import { submitOnboardingStep } from '../../../core/onboarding/submit-onboarding-step.js';
import type { ActionHandler } from '../handler.js';

/** `onboard:submit:<step>`: a step's form (or the code of conduct's accept button); answers with the next step. */
export const submitOnboarding: ActionHandler = async ({ deps, actor, displayName, respond }, { args, values }) => {
  const step = onboardingStepArg(args);
  await respond.defer();
  const outcome = await submitOnboardingStep(deps, actor, { step, values });
  if (outcome.ok) return respond.send(outcome.value.message);
  // Name each field by its label in the form the member just filled in.
  const current = await startOnboarding(deps, actor, { displayName });
  const form = current.ok && current.value.step === step ? current.value.modal ?? undefined : undefined;
  await respond.problem(outcome.problem, form, interactionId('onboard', 'open', step));
};
