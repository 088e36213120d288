import { startOnboarding } from '../../../../core/onboarding/start-onboarding.js';
import { problemReply } from '../../../../core/problem-reply.js';
import type { CommandHandler } from '../../handler.js';

/**
 * `/mentor join`: opens the form of the step where the member stands (Slack
 * can open a modal straight from a command, within the trigger's 3 s), so an
 * interrupted onboarding resumes where it stopped; the code of conduct and a
 * finished onboarding answer with their message.
 */
export const join: CommandHandler = async ({ deps, actor, displayName, respond }) => {
  const outcome = await startOnboarding(deps, actor, { displayName });
  if (!outcome.ok) return respond.send(problemReply(outcome.problem));
  await (outcome.value.modal ? respond.showModal(outcome.value.modal) : respond.send(outcome.value.message));
};
