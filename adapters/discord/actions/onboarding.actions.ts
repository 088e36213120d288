import { interactionId } from '../../../core/interaction-ids.js';
import { startOnboarding } from '../../../core/onboarding/start-onboarding.js';
import { submitOnboardingStep } from '../../../core/onboarding/submit-onboarding-step.js';
import { problemReply } from '../../../core/problem-reply.js';
import type { OnboardingStep } from '../../../core/store/database.js';
import type { ActionHandler } from '../handler.js';
import { StaleInteractionError } from '../errors.js';
import { withRetryButton } from '../retry.js';

const steps: readonly OnboardingStep[] = ['PROFILE', 'GOALS', 'SCHEDULE', 'CODE_OF_CONDUCT'];

function isStep(value: string | undefined): value is OnboardingStep {
  return steps.includes(value as OnboardingStep);
}

/**
 * `onboard:open:<step>` (Continue): the form of the step the member is at now.
 * A button from an older message opens the current step, so nothing is
 * answered twice; a finished onboarding answers with its message.
 */
export const openOnboardingStep: ActionHandler = async ({ deps, actor, displayName, respond }) => {
  const prompt = await startOnboarding(deps, actor, { displayName });
  if (!prompt.ok) return respond.send(problemReply(prompt.problem));
  await (prompt.value.modal ? respond.showModal(prompt.value.modal) : respond.send(prompt.value.message));
};

/** `onboard:submit:<step>`: a step's form (or the code of conduct's accept button); answers with the next step. */
export const submitOnboarding: ActionHandler = async ({ deps, actor, displayName, respond }, { args, values }) => {
  const [step] = args;
  if (!isStep(step)) throw new StaleInteractionError(`onboarding step ${String(step)} does not exist`);
  await respond.defer();
  const outcome = await submitOnboardingStep(deps, actor, { step, values });
  if (outcome.ok) return respond.send(outcome.value.message);
  // Name each field by its label in the form the member just filled in.
  const current = await startOnboarding(deps, actor, { displayName });
  const form = current.ok && current.value.step === step ? current.value.modal ?? undefined : undefined;
  const reply = problemReply(outcome.problem, form);
  await respond.send(form ? withRetryButton(reply, interactionId('onboard', 'open', step)) : reply);
};
