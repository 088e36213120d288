import { privateMessage, type Message } from '../reply.js';
import { commandCatalog } from './commands.js';

/**
 * Commands in commands.json that neither adapter handles yet. Both adapters
 * answer them with {@link comingSoonReply}; when a feature lands, its command
 * leaves this one list and gets a handler on both platforms (each adapter has a
 * test that every command has exactly one of the two).
 */
export const notYetBuilt: readonly string[] = [
];

/** The private answer to a command on the {@link notYetBuilt} list; `path` as in commands.json ('session list'). */
export function comingSoonReply(path: string): Message {
  return privateMessage([`\`/${commandCatalog.name} ${path}\` is coming soon. Meanwhile, \`/${commandCatalog.name} help\` lists what you can do today.`]);
}
