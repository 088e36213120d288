import { commandCatalog } from '../../../../core/commands/commands.js';
import { showHelp } from '../../../../core/help/show-help.js';
import { problemReply } from '../../../../core/problem-reply.js';
import type { CommandHandler } from '../../handler.js';

/** `/mentor help`: generated from commands.json by the core. */
export const help: CommandHandler = async ({ actor, respond }) => {
  const outcome = showHelp(actor, commandCatalog);
  await respond.send(outcome.ok ? outcome.value : problemReply(outcome.problem));
};
