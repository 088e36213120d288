import { listCommands, type CommandCatalog, type CommandEntry, type CommandOption } from '../../core/commands/command-catalog.js';

/**
 * `/mentor <subcommand> [options]` as Slack sends it: one slash command whose
 * text holds the subcommand path and its options. Options are given by name
 * (`find skill:python looking-for:mentor`, in any order) or by position, in
 * the order commands.json lists them (`find python mentor`); positional ones
 * come first when both are mixed. Only the command's own option names make a
 * `name:` (whatever the case, with or without `-`): any other `word:` is
 * text, so `goal done Rust: the basics` names the goal "Rust: the basics".
 * With the command's "escape channels, users and links" on (the manifest sets
 * it), a mention arrives as `<@U123|name>` and a channel as `<#C123|name>`.
 */
export type ParsedCommandText =
  | { readonly kind: 'command'; readonly entry: CommandEntry; readonly path: string; readonly options: Readonly<Record<string, string>> }
  /** Nothing after `/mentor`, or a subcommand commands.json does not have: answered with the help. */
  | { readonly kind: 'unknown'; readonly typed: string }
  /** A known subcommand with options that do not fit its usage. */
  | { readonly kind: 'invalid'; readonly entry: CommandEntry; readonly problem: string; readonly usage: string };

// A <…> token (mention, channel, link) stays whole even if its label has spaces, also after `name:`.
const tokenPattern = /(?:[A-Za-z][A-Za-z0-9_-]*:)?<[^>]*>|\S+/g;
const userMention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const channelMention = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;
/** `name:value`; `https://…` is a value, not an option named `https`. */
const namedPattern = /^([A-Za-z][A-Za-z0-9_-]*):(?!\/\/)(.*)$/s;
/** Straight or typographic quotes around a value (Slack clients often turn " into “ ”). */
const quoted = /^["“”'‘’](.*)["“”'‘’]$/s;

export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** A user id from `<@U123|name>` or `<@U123>`, or null. */
export function parseUserMention(token: string): string | null {
  return userMention.exec(token)?.[1] ?? null;
}

/** What goes after `name:` in the usage: a hint of the value's shape. */
function valueHint(option: CommandOption): string {
  if (option.choices) return option.choices.map((choice) => choice.value).join('|');
  switch (option.type) {
    case 'user':
      return '@someone';
    case 'channel':
      return '#channel';
    case 'integer':
      return 'number';
    case 'boolean':
      return 'yes|no';
    case 'string':
      return '…';
  }
}

/**
 * How a command is typed in Slack, options by name:
 * `/mentor find [skill:…] [looking-for:mentor|mentee]`. Used by the help and
 * by every "did not understand" answer, so people learn the named form.
 */
export function slackUsageOf(catalog: CommandCatalog, entry: CommandEntry): string {
  const options = entry.options.map((option) => {
    const named = `${option.name}:${valueHint(option)}`;
    return option.required ? `<${named}>` : `[${named}]`;
  });
  return ['/' + catalog.name, ...entry.path, ...options].join(' ');
}

/** Free text (a string without choices) may span several words. */
function takesWords(option: CommandOption): boolean {
  return option.type === 'string';
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
      const wanted = token.toLowerCase();
      const choice = option.choices.find((item) => item.value.toLowerCase() === wanted || item.name.toLowerCase() === wanted);
      return choice ? choice.value : { problem: `\`${option.name}\` should be one of: ${option.choices.map((item) => item.value).join(', ')}.` };
    }
  }
}

/** An option name as people may type it: `Looking-For`, `lookingfor` and `looking_for` are all `looking-for`. */
const nameKey = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/** The option a `name:value` token gives, when its name is one of the command's; undefined for any other token. */
function namedOption(entry: CommandEntry, token: string): CommandOption | undefined {
  if (token.startsWith('<')) return undefined;
  const name = namedPattern.exec(token)?.[1];
  return name === undefined ? undefined : entry.options.find((option) => nameKey(option.name) === nameKey(name));
}

function unquote(value: string): string {
  return quoted.exec(value)?.[1] ?? value;
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

  const usage = slackUsageOf(catalog, entry);
  const invalid = (problem: string): ParsedCommandText => ({ kind: 'invalid', entry, usage, problem });
  const rest = tokens.slice(entry.path.length);
  const isNamed = (token: string) => namedOption(entry, token) !== undefined;
  const firstNamed = rest.findIndex(isNamed);
  const positional = firstNamed === -1 ? rest : rest.slice(0, firstNamed);
  const named = firstNamed === -1 ? [] : rest.slice(firstNamed);
  const options: Record<string, string> = {};

  for (const [index, option] of entry.options.entries()) {
    if (positional.length === 0) break;
    const isLast = index === entry.options.length - 1;
    const token = takesWords(option) && !option.choices && isLast ? positional.splice(0).join(' ') : positional.shift()!;
    const value = parseOption(option, unquote(token));
    if (typeof value !== 'string') return invalid(value.problem);
    options[option.name] = value;
  }
  if (positional.length > 0) {
    // Text no option took: a `word:` there was most likely meant as an option's name.
    const [, rawName] = positional[0]!.startsWith('<') ? [] : (namedPattern.exec(positional[0]!) ?? []);
    if (!rawName) return invalid(`I did not understand \`${positional.join(' ')}\`.`);
    const known = entry.options.map((candidate) => `\`${candidate.name}\``);
    return invalid(known.length === 0 ? `\`${rawName}\` is not an option here: this command takes none.` : `\`${rawName}\` is not an option here. Use ${known.join(' or ')}.`);
  }

  for (let index = 0; index < named.length; ) {
    const option = namedOption(entry, named[index]!)!;
    const [, , first = ''] = namedPattern.exec(named[index]!) ?? [];
    const name = option.name;
    // The value is what follows the colon, and the words after it up to the next option's `name:`.
    const parts = first ? [first] : [];
    for (index++; index < named.length && !isNamed(named[index]!); index++) parts.push(named[index]!);
    if (name in options) return invalid(`\`${name}\` is given twice.`);
    if (parts.length === 0) return invalid(`\`${name}\` needs a value after the colon, like \`${name}:${valueHint(option)}\`.`);
    if (parts.length > 1 && !takesWords(option)) return invalid(`I did not understand \`${parts.slice(1).join(' ')}\`.`);
    const value = parseOption(option, unquote(parts.join(' ')));
    if (typeof value !== 'string') return invalid(value.problem);
    options[name] = value;
  }

  const missing = entry.options.find((option) => option.required && !(option.name in options));
  if (missing) return invalid(`\`${missing.name}\` is missing.`);
  return { kind: 'command', entry, path: entry.path.join(' '), options };
}
