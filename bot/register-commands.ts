import { parseArgs } from 'node:util';
import { registerCommands } from '../adapters/discord/register-commands.js';
import { commandCatalog } from '../core/commands/commands.js';
import { ConfigError, loadConfig } from './config.js';

/**
 * `npm run commands:register [-- --guild ID]`: sends the Discord command
 * payload generated from commands.json. Globally by default (Discord may take
 * a while to show changes everywhere); with `--guild`, in that server only,
 * where changes show at once, which suits a test server.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { guild: { type: 'string' } } });
  const config = loadConfig();
  const { token, applicationId, apiUrl } = config.discord;
  if (!token || !applicationId) throw new ConfigError(['DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to register commands']);
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) throw new ConfigError(['--guild must be a server id (17 to 20 digits)']);
  const count = await registerCommands(commandCatalog, { token, applicationId, ...(apiUrl ? { apiUrl } : {}), ...(values.guild ? { guildId: values.guild } : {}) });
  process.stdout.write(`Registered ${count} command(s) ${values.guild ? `in server ${values.guild}` : 'globally'}.\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
