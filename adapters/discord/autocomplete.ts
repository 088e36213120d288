import type { AutocompleteInteraction } from 'discord.js';
import type { MemberActor } from '../../core/access/actor.js';
import { listCommands, type CommandOption } from '../../core/commands/command-catalog.js';
import { commandCatalog } from '../../core/commands/commands.js';
import type { CoreDeps } from '../../core/deps.js';
import { listCommunitySkills } from '../../core/skills/list-community-skills.js';

/** Discord shows at most 25 suggestions. */
const maxChoices = 25;

export interface Choice {
  readonly name: string;
  readonly value: string;
}

const timezones: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'];

function matching(values: readonly { name: string; value: string }[], typed: string): Choice[] {
  const query = typed.trim().toLowerCase();
  return values.filter((choice) => choice.name.toLowerCase().includes(query)).slice(0, maxChoices);
}

/** The catalog's autocomplete kind for the focused option of this command. */
export function autocompleteKind(path: readonly string[], optionName: string): CommandOption['autocomplete'] | null {
  const command = listCommands(commandCatalog).find((entry) => entry.path.join(' ') === path.join(' '));
  return command?.options.find((option) => option.name === optionName)?.autocomplete ?? null;
}

/**
 * Suggestions while typing an option. Skills come from the community's
 * catalog (value: the skill's slug), timezones from the runtime's IANA list.
 * Mentorships, goals and tasks answer none until their features land.
 * Autocomplete cannot be deferred, so each source is one quick read.
 */
export async function suggestChoices(deps: Pick<CoreDeps, 'db'>, actor: MemberActor, interaction: AutocompleteInteraction): Promise<Choice[]> {
  const focused = interaction.options.getFocused(true);
  const path = [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter((part): part is string => Boolean(part));
  const typed = String(focused.value);
  switch (autocompleteKind(path, focused.name)) {
    case 'skills': {
      const skills = await listCommunitySkills(deps, actor);
      return skills.ok ? matching(skills.value.map((skill) => ({ name: skill.name, value: skill.slug })), typed) : [];
    }
    case 'timezones':
      return matching(timezones.map((zone) => ({ name: zone, value: zone })), typed);
    default:
      return [];
  }
}
