import { startOnboarding } from '../../../core/onboarding/start-onboarding.js';
import { problemReply } from '../../../core/problem-reply.js';
import type { CommandHandler } from '../handler.js';

/** `/mentor join`: the onboarding step where the member stands, with the button that opens its form. */
export const join: CommandHandler = async ({ deps, actor, displayName, respond }) => {
  await respond.defer();
  const outcome = await startOnboarding(deps, actor, { displayName });
  await respond.send(outcome.ok ? outcome.value.message : problemReply(outcome.problem));
};
