import { sharedCommands } from '../../../core/interactions/registry.js';
import { commandInput } from '../command-options.js';
import type { CommandHandler } from '../handler.js';
import { comingSoon, notYetBuilt } from './coming-soon.js';
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

/** The commands that work today: Discord's own, and the core's shared ones with their options read from the interaction. */
export const builtCommands: Readonly<Record<string, CommandHandler>> = {
  ...discordCommands,
  ...Object.fromEntries(Object.entries(sharedCommands).map(([path, handler]): [string, CommandHandler] => [path, (context, interaction) => handler(context, commandInput(interaction, path))])),
};

/** Every command's handler: the built ones, and "coming soon" for the rest. */
export const commandHandlers: ReadonlyMap<string, CommandHandler> = new Map([
  ...Object.entries(builtCommands),
  ...notYetBuilt.map((path) => [path, comingSoon] as const),
]);
