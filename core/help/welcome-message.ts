import type { CommandCatalog } from '../commands/command-catalog.js';
import { privateMessage, type Message } from '../reply.js';

/**
 * The direct message someone gets on joining the server or workspace: what
 * the program is and the one command that starts it. Nothing is stored about
 * them until they run it.
 */
export function welcomeMessage(input: { communityName: string; programName: string; catalog: CommandCatalog }): Message {
  const join = `/${input.catalog.name} join`;
  return privateMessage(
    [`Welcome to ${input.communityName}! ${input.programName} pairs members who want to learn with members who can teach. Type \`${join}\` in the server to set up your profile; it takes about three minutes, and \`/${input.catalog.name} help\` lists everything else.`],
    { title: `Welcome to ${input.programName}` },
  );
}
