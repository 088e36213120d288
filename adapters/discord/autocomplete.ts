import type { AutocompleteInteraction } from 'discord.js';
import type { MemberActor } from '../../core/access/actor.js';
import { listCommands, type CommandOption } from '../../core/commands/command-catalog.js';
import { commandCatalog } from '../../core/commands/commands.js';
import type { CoreDeps } from '../../core/deps.js';
import { listGoalChoices, listTaskChoices } from '../../core/goals/goal-choices.js';
import { listMentorshipChoices } from '../../core/interactions/mentorship-choices.js';
import { runningMentorshipStatuses } from '../../core/mentorships/mentorship.js';
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

/** `feedback` also reviews mentorships that ended; every other command acts on running ones. */
const endedToo = new Set(['feedback']);

/**
 * Suggestions while typing an option. Skills come from the community's
 * catalog (value: the skill's slug), timezones from the runtime's IANA list;
 * mentorships, goals and tasks are the member's own (value: the id), listed by
 * the core so only their own ever show. Autocomplete cannot be deferred, so
 * each source is one quick read.
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
    case 'mentorships': {
      const statuses = endedToo.has(path.join(' ')) ? [...runningMentorshipStatuses, 'COMPLETED' as const, 'CANCELLED' as const] : runningMentorshipStatuses;
      const mentorships = await listMentorshipChoices(deps, actor, { typed, statuses });
      return mentorships.ok ? mentorships.value.slice(0, maxChoices) : [];
    }
    case 'goals': {
      const goals = await listGoalChoices(deps, actor, { typed });
      return goals.ok ? goals.value.slice(0, maxChoices) : [];
    }
    case 'tasks': {
      const tasks = await listTaskChoices(deps, actor, { typed });
      return tasks.ok ? tasks.value.slice(0, maxChoices) : [];
    }
    default:
      return [];
  }
}
