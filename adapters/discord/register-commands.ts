import { REST, Routes } from 'discord.js';
import type { CommandCatalog } from '../../core/commands/command-catalog.js';
import { commandRegistrationPayload } from './command-payload.js';

export interface RegisterCommandsOptions {
  readonly token: string;
  readonly applicationId: string;
  readonly apiUrl?: string;
  /** Register in one server only (changes show at once there); globally when absent. */
  readonly guildId?: string;
}

/**
 * Replaces the application's commands with the ones generated from the
 * catalog (a PUT overwrites, so removed commands disappear). Global commands
 * can take a while to reach every client; use a test server's id while developing.
 *
 * @returns how many top-level commands Discord now holds.
 */
export async function registerCommands(catalog: CommandCatalog, options: RegisterCommandsOptions): Promise<number> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const registered = (await rest.put(route, { body: commandRegistrationPayload(catalog) })) as unknown[];
  return registered.length;
}
