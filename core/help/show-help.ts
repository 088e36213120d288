import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { listCommands, usageOf, type CommandAudience, type CommandCatalog, type CommandEntry } from '../commands/command-catalog.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message, type MessageField } from '../reply.js';

/** Help sections in the order a newcomer needs them, with a heading for each audience. */
const sections: readonly { audience: CommandAudience; heading: string }[] = [
  { audience: 'everyone', heading: 'Getting started' },
  { audience: 'member', heading: 'As a member' },
  { audience: 'pair', heading: 'In a mentorship' },
  { audience: 'admin', heading: 'For admins' },
];

// An embed field holds at most 1,024 characters; long sections are split into parts.
const fieldLimit = 1024;

/**
 * `/mentor help`: every command in the catalog (commands.json), with its usage
 * and description, grouped by who it is for. Admin commands are listed only
 * for admins and owners; the core still checks every call, this only keeps the
 * help short for everyone else. `usage` writes each command as it is typed on
 * the platform (Slack, whose options are typed in the text, passes its named
 * form `find [skill:…]`); by default options are listed by name, as Discord
 * shows them.
 */
export function showHelp(actor: Actor, catalog: CommandCatalog, usage: (catalog: CommandCatalog, entry: CommandEntry) => string = usageOf): Outcome<Message> {
  const denied = authorize(actor, 'help');
  if (denied) return denied;
  const staff = actor.kind === 'member' && actor.role !== 'REGULAR';
  const commands = listCommands(catalog);
  const fields: MessageField[] = [];
  for (const { audience, heading } of sections) {
    if (audience === 'admin' && !staff) continue;
    const lines = commands.filter((command) => command.audience === audience).map((command) => `\`${usage(catalog, command)}\` ${command.description}`);
    chunk(lines, fieldLimit).forEach((part, index) => fields.push({ name: index === 0 ? heading : `${heading} (more)`, value: [part] }));
  }
  return ok(
    privateMessage([`${catalog.description}. Start with \`/${catalog.name} join\`; every answer from the bot is private unless it is meant for your mentorship.`], {
      title: 'What the mentor bot can do',
      fields,
    }),
  );
}

/** Joins lines into parts of at most `max` characters, never splitting a line. */
function chunk(lines: readonly string[], max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      parts.push(current);
      current = line.slice(0, max);
    } else {
      current = next.slice(0, max);
    }
  }
  if (current) parts.push(current);
  return parts;
}
