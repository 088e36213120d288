import { sharedCommands } from '../../../../core/interactions/registry.js';
import type { CommandHandler } from '../../handler.js';
import { help } from './help.js';
import { join } from './join.js';
import { setup } from './setup.js';

/**
 * The commands that work today, by subcommand path as in commands.json
 * (`data export`): Slack's own (joining opens the form straight away;
 * setup has no channel to choose; help shows options by name), then the
 * core's shared ones.
 */
const commands: Readonly<Record<string, CommandHandler>> = {
  ...sharedCommands,
  join,
  setup,
  help,
};

/** Every command's handler, by subcommand path. */
export const commandHandlers: ReadonlyMap<string, CommandHandler> = new Map(Object.entries(commands));
