import {
  ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, ChannelType, InteractionContextType,
  type APIApplicationCommandBasicOption, type APIApplicationCommandSubcommandGroupOption, type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandCatalog, CommandOption } from '../../core/commands/command-catalog.js';

type Subcommand = Extract<CommandCatalog['subcommands'][number], { name: string }>;

function basicOption(option: CommandOption): APIApplicationCommandBasicOption {
  const common = { name: option.name, description: option.description, required: option.required };
  switch (option.type) {
    case 'string':
      if (option.autocomplete) return { ...common, type: ApplicationCommandOptionType.String, autocomplete: true };
      return { ...common, type: ApplicationCommandOptionType.String, ...(option.choices ? { choices: option.choices.map((choice) => ({ name: choice.name, value: choice.value })) } : {}) };
    case 'integer':
      if (option.autocomplete) return { ...common, type: ApplicationCommandOptionType.Integer, autocomplete: true };
      return { ...common, type: ApplicationCommandOptionType.Integer, ...(option.choices ? { choices: option.choices.map((choice) => ({ name: choice.name, value: Number(choice.value) })) } : {}) };
    case 'boolean':
      return { ...common, type: ApplicationCommandOptionType.Boolean };
    case 'user':
      return { ...common, type: ApplicationCommandOptionType.User };
    case 'channel':
      // The only channel the bot asks for is where private threads go, which must be a text channel.
      return { ...common, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText] };
  }
}

function subcommandOption(subcommand: Subcommand): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name: subcommand.name, description: subcommand.description, options: subcommand.options.map(basicOption) };
}

/**
 * Discord's registration payload, generated from commands.json: one command
 * (`/mentor`) with subcommands and subcommand groups, usable in servers only
 * (`contexts: [0]`; `dm_permission: false` for clients that still read it).
 */
export function commandRegistrationPayload(catalog: CommandCatalog): RESTPutAPIApplicationCommandsJSONBody {
  const options: (APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption)[] = catalog.subcommands.map((entry) =>
    'group' in entry
      ? { type: ApplicationCommandOptionType.SubcommandGroup, name: entry.group, description: entry.description, options: entry.subcommands.map(subcommandOption) }
      : subcommandOption(entry),
  );
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: catalog.name,
      description: catalog.description,
      options,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      dm_permission: false,
    },
  ];
}
