import { commandCatalog } from '../../../core/commands/commands.js';
import { privateMessage } from '../../../core/reply.js';
import type { CommandHandler } from '../handler.js';

/**
 * Commands in commands.json whose core is not built yet (requests, sessions,
 * goals, tasks, matching, feedback, reports). Each answers a
 * private "coming soon" from here; when a feature lands, its command leaves
 * this list and gets a handler in `index.ts` (a test checks every command has
 * exactly one of the two).
 */
export const notYetBuilt: readonly string[] = [
  'home', 'find', 'request', 'requests',
  'session schedule', 'session list', 'goal add', 'goal list', 'goal done', 'task add', 'task list', 'task done',
  'pause', 'resume', 'end', 'feedback', 'report',
];

export const comingSoon: CommandHandler = async ({ respond }, interaction) => {
  const path = [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand()].filter(Boolean).join(' ');
  await respond.send(privateMessage([`\`/${commandCatalog.name} ${path}\` is coming soon. Meanwhile, \`/${commandCatalog.name} help\` lists what you can do today.`]));
};
