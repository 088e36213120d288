import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';
import { mentorshipChannelPermissions } from './channel-permissions.js';

/**
 * Everything the bot needs server-wide: the mentorship channel's permissions
 * (see `channel-permissions.ts`), plus embeds and files for its replies (data
 * exports) and reading history in threads it creates.
 */
export const botPermissions: bigint = [
  ...mentorshipChannelPermissions.map((permission) => permission.flag),
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
].reduce((all, flag) => all | flag, 0n);

/** The URL a server owner opens to add the bot, with its slash commands and the permissions above. */
export function discordInviteUrl(applicationId: string): string {
  const url = new URL('https://discord.com/oauth2/authorize');
  url.searchParams.set('client_id', applicationId);
  url.searchParams.set('scope', [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '));
  url.searchParams.set('permissions', botPermissions.toString());
  url.searchParams.set('integration_type', '0');
  return url.toString();
}
