import { comingSoonReply } from '../../../../core/commands/not-yet-built.js';
import type { CommandHandler } from '../../handler.js';

export { notYetBuilt } from '../../../../core/commands/not-yet-built.js';

/** A command on the core's not-yet-built list: a private "coming soon". */
export const comingSoon: CommandHandler = async ({ respond }, { path }) => {
  await respond.send(comingSoonReply(path));
};
