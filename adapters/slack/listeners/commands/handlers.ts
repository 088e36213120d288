import { sharedCommands } from '../../../../core/interactions/registry.js';
import type { CommandHandler } from '../../handler.js';
import { comingSoon, notYetBuilt } from './coming-soon.js';
import { help } from './help.js';
import { join } from './join.js';
import { setup } from './setup.js';

/**
 * The commands that work today, by subcommand path as in commands.json
 * (`data export`): Slack's own (joining opens the form straight away;
 * setup has no channel to choose; help shows options by name), then the
 * core's shared ones.
 */
export const builtCommands: Readonly<Record<string, CommandHandler>> = {
  ...sharedCommands,
  join,
  setup,
  help,
};

/** Every command's handler: the built ones, and "coming soon" for the rest. */
export const commandHandlers: ReadonlyMap<string, CommandHandler> = new Map([
  ...Object.entries(builtCommands),
  ...notYetBuilt.map((path) => [path, comingSoon] as const),
]);
