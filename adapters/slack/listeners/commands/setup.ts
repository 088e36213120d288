import { viewSettings } from '../../../../core/communities/view-settings.js';
import { problemReply } from '../../../../core/problem-reply.js';
import { privateMessage } from '../../../../core/reply.js';
import type { CommandHandler } from '../../handler.js';

/**
 * `/mentor setup`: on Slack there is no channel to choose (Discord's threads
 * need a parent channel; a Slack pair gets its own private channel), so it
 * shows admins how the program runs here. The core allows admins and owners only.
 */
export const setup: CommandHandler = async ({ deps, actor, respond }) => {
  const current = await viewSettings(deps, actor);
  if (!current.ok) return respond.send(problemReply(current.problem));
  await respond.send(
    privateMessage([`${current.value.programName} is running in this workspace. When a mentorship starts, the pair gets a private channel with both of them and the bot; it is archived when the mentorship ends. Members start with \`/mentor join\`.`], {
      title: 'Setup',
    }),
  );
};
