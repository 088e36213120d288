import { discordInviteUrl } from '../adapters/discord/invite-url.js';
import { ConfigError, loadConfig } from './config.js';

/** `npm run discord:invite-url`: the link a server owner opens to add the bot with the permissions it needs. */
try {
  const { applicationId } = loadConfig().discord;
  if (!applicationId) throw new ConfigError(['DISCORD_APPLICATION_ID is required to build the invite URL']);
  process.stdout.write(`${discordInviteUrl(applicationId)}\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
