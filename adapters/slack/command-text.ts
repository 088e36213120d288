import { listCommands, usageOf, type CommandCatalog, type CommandEntry, type CommandOption } from '../../core/commands/command-catalog.js';

/**
 * `/mentor <subcommand> [options]` as Slack sends it: one slash command whose
 * text holds the subcommand path and its options, in the order commands.json
 * lists them. With the command's "escape channels, users and links" on (the
 * manifest sets it), a mention arrives as `<@U123|name>` and a channel as
 * `<#C123|name>`.
 */
export type ParsedCommandText =
  | { readonly kind: 'command'; readonly entry: CommandEntry; readonly path: string; readonly options: Readonly<Record<string, string>> }
  /** Nothing after `/mentor`, or a subcommand commands.json does not have: answered with the help. */
  | { readonly kind: 'unknown'; readonly typed: string }
  /** A known subcommand with options that do not fit its usage. */
  | { readonly kind: 'invalid'; readonly entry: CommandEntry; readonly problem: string; readonly usage: string };

// A <…> token (mention, channel, link) stays whole even if its label has spaces.
const tokenPattern = /<[^>]*>|\S+/g;
const userMention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const channelMention = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** A user id from `<@U123|name>` or `<@U123>`, or null. */
export function parseUserMention(token: string): string | null {
  return userMention.exec(token)?.[1] ?? null;
}

function parseOption(option: CommandOption, token: string): string | { problem: string } {
  switch (option.type) {
    case 'user':
      return parseUserMention(token) ?? { problem: `\`${option.name}\` should mention someone, like @name.` };
    case 'channel':
      return channelMention.exec(token)?.[1] ?? { problem: `\`${option.name}\` should be a channel, like #mentorship.` };
    case 'integer':
      return /^-?\d{1,9}$/.test(token) ? token : { problem: `\`${option.name}\` should be a whole number.` };
    case 'boolean':
      return /^(true|yes|on)$/i.test(token) ? 'true' : /^(false|no|off)$/i.test(token) ? 'false' : { problem: `\`${option.name}\` should be yes or no.` };
    case 'string': {
      if (!option.choices) return token;
      const choice = option.choices.find((item) => item.value === token.toLowerCase() || item.name.toLowerCase() === token.toLowerCase());
      return choice ? choice.value : { problem: `\`${option.name}\` should be one of: ${option.choices.map((item) => item.value).join(', ')}.` };
    }
  }
}

/** Reads the text after the slash command against the catalog. */
export function parseCommandText(catalog: CommandCatalog, text: string): ParsedCommandText {
  const tokens = tokenize(text.trim());
  const words = tokens.map((token) => token.toLowerCase());
  const commands = listCommands(catalog);
  // The longest path first: `data export` before a hypothetical `data`.
  const entry = [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((command) => command.path.every((part, index) => words[index] === part));
  if (!entry) return { kind: 'unknown', typed: tokens.slice(0, 2).join(' ') };

  const rest = tokens.slice(entry.path.length);
  const usage = usageOf(catalog, entry);
  const options: Record<string, string> = {};
  for (const [index, option] of entry.options.entries()) {
    const isLast = index === entry.options.length - 1;
    const token = option.type === 'string' && !option.choices && isLast ? rest.splice(0).join(' ') : rest.shift();
    if (!token) {
      if (option.required) return { kind: 'invalid', entry, usage, problem: `\`${option.name}\` is missing.` };
      continue;
    }
    const value = parseOption(option, token);
    if (typeof value !== 'string') return { kind: 'invalid', entry, usage, problem: value.problem };
    options[option.name] = value;
  }
  if (rest.length > 0) return { kind: 'invalid', entry, usage, problem: `I did not understand \`${rest.join(' ')}\`.` };
  return { kind: 'command', entry, path: entry.path.join(' '), options };
}
