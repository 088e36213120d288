import { StaleInteractionError } from '../errors.js';
import { idPartToPath } from './choose-mentorship.js';
import type { SharedActionHandler, SharedCommandHandler } from './interaction.js';
import { memberActions } from './actions/member.actions.js';
import { onboardingActions } from './actions/onboarding.actions.js';
import { relationActions } from './actions/relation.actions.js';
import { toolkitActions } from './actions/toolkit.actions.js';
import { memberCommands } from './commands/member.commands.js';
import { relationCommands } from './commands/relation.commands.js';
import { toolkitCommands } from './commands/toolkit.commands.js';

/**
 * The commands written once for both platforms, by subcommand path as in
 * commands.json. Each adapter puts these next to its own handlers; a command
 * has exactly one handler across the two tables (each adapter tests that).
 */
export const sharedCommands: Readonly<Record<string, SharedCommandHandler>> = {
  ...memberCommands,
  ...relationCommands,
  ...toolkitCommands,
};

/**
 * `pick:mentorship:<path>`: the answer to "which mentorship?" (see
 * `chooseMentorship`) runs the command again with the chosen one.
 */
const pickMentorship: SharedActionHandler = async (context, { args, values }) => {
  const path = idPartToPath(args[0] ?? '');
  const command = sharedCommands[path];
  const chosen = values.selected?.[0];
  if (!command || typeof chosen !== 'string') throw new StaleInteractionError(`no command ${path} to run with a chosen mentorship`);
  await command(context, { path, options: { mentorship: chosen } });
};

/** Buttons, selects and form submissions written once for both platforms, by `area:action` of their id. */
export const sharedActions: ReadonlyMap<string, SharedActionHandler> = new Map([
  ['pick:mentorship', pickMentorship],
  ...onboardingActions,
  ...memberActions,
  ...relationActions,
  ...toolkitActions,
]);
