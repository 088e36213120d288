import { comingSoonReply } from '../../../core/commands/not-yet-built.js';
import type { CommandHandler } from '../handler.js';

export { notYetBuilt } from '../../../core/commands/not-yet-built.js';

/** A command on the core's not-yet-built list: a private "coming soon". */
export const comingSoon: CommandHandler = async ({ respond }, interaction) => {
  const path = [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand()].filter(Boolean).join(' ');
  await respond.send(comingSoonReply(path));
};
