import { sharedCommands } from '../../../core/interactions/registry.js';
import { commandInput } from '../command-options.js';
import type { CommandHandler } from '../handler.js';
import { join } from './join.js';
import { setup } from './setup.js';

/**
 * The commands Discord answers with its own handlers: joining answers with
 * the step's Continue button (a form cannot follow a form), and setup picks
 * the server's mentorship channel.
 */
const discordCommands: Readonly<Record<string, CommandHandler>> = {
  join,
  setup,
};

/** Every command's handler: the core's shared ones with their options read from the interaction, and Discord's own. */
export const commandHandlers: ReadonlyMap<string, CommandHandler> = new Map([
  ...Object.entries(sharedCommands).map(([path, handler]): [string, CommandHandler] => [path, (context, interaction) => handler(context, commandInput(interaction, path))]),
  ...Object.entries(discordCommands),
]);
