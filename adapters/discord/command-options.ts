import type { ChatInputCommandInteraction } from 'discord.js';
import { listCommands } from '../../core/commands/command-catalog.js';
import { commandCatalog } from '../../core/commands/commands.js';
import type { CommandInput } from '../../core/interactions/interaction.js';

const optionsByPath = new Map(listCommands(commandCatalog).map((entry) => [entry.path.join(' '), entry.options]));

/**
 * A slash command's options as the shared handlers read them: by their
 * commands.json name, as text; a user option holds the user's id, a channel
 * option the channel's. Options the person left empty are absent.
 */
export function commandInput(interaction: ChatInputCommandInteraction, path: string): CommandInput {
  const options: Record<string, string> = {};
  for (const option of optionsByPath.get(path) ?? []) {
    const value =
      option.type === 'user' ? interaction.options.getUser(option.name)?.id
      : option.type === 'channel' ? interaction.options.getChannel(option.name)?.id
      : option.type === 'integer' ? interaction.options.getInteger(option.name)?.toString()
      : option.type === 'boolean' ? interaction.options.getBoolean(option.name)?.toString()
      : interaction.options.getString(option.name) ?? undefined;
    if (value !== undefined && value !== '') options[option.name] = value;
  }
  return { path, options };
}
