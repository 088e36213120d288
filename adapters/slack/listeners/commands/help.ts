import type { MemberActor } from '../../../../core/access/actor.js';
import { commandCatalog } from '../../../../core/commands/commands.js';
import { showHelp } from '../../../../core/help/show-help.js';
import type { Outcome } from '../../../../core/outcome.js';
import { problemReply } from '../../../../core/problem-reply.js';
import type { Message } from '../../../../core/reply.js';
import { slackUsageOf } from '../../command-text.js';
import type { CommandHandler } from '../../handler.js';

/** The help as Slack shows it: every usage with its options by name (`find [skill:…]`), since they are typed in the text. */
export function slackHelp(actor: MemberActor): Outcome<Message> {
  return showHelp(actor, commandCatalog, slackUsageOf);
}

/**
 * `/mentor help`, Slack's own rather than the shared one: the same help from
 * commands.json, with the named-option usages Slack's text needs.
 */
export const help: CommandHandler = async ({ actor, respond }) => {
  const outcome = slackHelp(actor);
  await respond.send(outcome.ok ? outcome.value : problemReply(outcome.problem));
};
