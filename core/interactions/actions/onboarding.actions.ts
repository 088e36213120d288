import { StaleInteractionError } from '../../errors.js';
import { startOnboarding } from '../../onboarding/start-onboarding.js';
import { problemReply } from '../../problem-reply.js';
import type { OnboardingStep } from '../../store/database.js';
import type { SharedActionHandler } from '../interaction.js';

const steps: readonly OnboardingStep[] = ['PROFILE', 'GOALS', 'SCHEDULE', 'CODE_OF_CONDUCT'];

/**
 * The step an `onboard:submit:<step>` id names. Submitting differs by
 * platform (Slack turns the form into the next one in place; Discord answers
 * with a Continue button), so each adapter has its own submit handler and
 * reads the step with this.
 */
export function onboardingStepArg(args: readonly string[]): OnboardingStep {
  const [step] = args;
  if (!steps.includes(step as OnboardingStep)) throw new StaleInteractionError(`onboarding step ${String(step)} does not exist`);
  return step as OnboardingStep;
}

/**
 * `onboard:open:<step>` (Continue, Join): the form of the step the member is
 * at now. A button from an older message opens the current step, so nothing
 * is answered twice; a finished onboarding answers with its message.
 */
const openOnboardingStep: SharedActionHandler = async ({ deps, actor, displayName, respond }) => {
  const prompt = await startOnboarding(deps, actor, { displayName });
  if (!prompt.ok) return respond.send(problemReply(prompt.problem));
  await (prompt.value.modal ? respond.showModal(prompt.value.modal) : respond.send(prompt.value.message));
};

export const onboardingActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [['onboard:open', openOnboardingStep]];
