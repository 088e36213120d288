import { z } from 'zod';

/**
 * `commands.json` is the one list of commands: Discord's registration payload,
 * the Slack manifest and `/mentor help` are all generated from it. This module
 * validates it against the limits both platforms impose, so a bad edit fails at
 * start-up and in tests instead of at registration time.
 */

const name = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be 1-32 lowercase letters, digits or dashes');
// Discord: descriptions are 1-100 characters.
const description = z.string().min(1).max(100);

const option = z.object({
  name,
  type: z.enum(['string', 'integer', 'boolean', 'user', 'channel']),
  description,
  required: z.boolean().default(false),
  autocomplete: z.enum(['skills', 'timezones', 'mentorships', 'goals', 'tasks']).optional(),
  choices: z.array(z.object({ name: z.string().min(1).max(100), value: z.string().min(1).max(100) })).max(25).optional(),
}).refine((value) => !(value.autocomplete && value.choices), 'an option has either choices or autocomplete, not both');

/** Who a command is meant for; the core re-checks every call, this only shapes help. */
const audience = z.enum(['everyone', 'member', 'pair', 'admin']);

const subcommand = z.object({
  name,
  description,
  audience,
  options: z.array(option).max(25).default([]),
}).refine(
  // Discord requires required options to come before optional ones.
  (value) => value.options.every((item, index) => !item.required || value.options.slice(0, index).every((before) => before.required)),
  'required options must come first',
);

const group = z.object({ group: name, description, subcommands: z.array(subcommand).min(1).max(25) });

export const commandCatalogSchema = z.object({
  name,
  description,
  subcommands: z.array(z.union([subcommand, group])).min(1).max(25),
}).superRefine((catalog, ctx) => {
  const seen = new Set<string>();
  for (const entry of catalog.subcommands) {
    const key = 'group' in entry ? entry.group : entry.name;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `"${key}" appears twice` });
    seen.add(key);
  }
});

export type CommandCatalog = z.infer<typeof commandCatalogSchema>;
export type CommandOption = z.infer<typeof option>;
export type CommandAudience = z.infer<typeof audience>;

/** One invocable command, flattened: `/mentor session schedule` has path ['session', 'schedule']. */
export interface CommandEntry {
  path: string[];
  description: string;
  audience: CommandAudience;
  options: CommandOption[];
}

/** Validates a parsed commands.json; throws an Error naming each problem. */
export function parseCommandCatalog(raw: unknown): CommandCatalog {
  const parsed = commandCatalogSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`commands.json is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

/** Every invocable command in catalog order. */
export function listCommands(catalog: CommandCatalog): CommandEntry[] {
  return catalog.subcommands.flatMap((entry) =>
    'group' in entry
      ? entry.subcommands.map((sub) => ({ path: [entry.group, sub.name], description: sub.description, audience: sub.audience, options: sub.options }))
      : [{ path: [entry.name], description: entry.description, audience: entry.audience, options: entry.options }],
  );
}

/** How a command is typed, e.g. `/mentor request <member>` or `/mentor find [skill] [looking-for]`. */
export function usageOf(catalog: CommandCatalog, entry: CommandEntry): string {
  const options = entry.options.map((item) => (item.required ? `<${item.name}>` : `[${item.name}]`));
  return ['/' + catalog.name, ...entry.path, ...options].join(' ');
}
