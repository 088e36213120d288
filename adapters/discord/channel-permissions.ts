import { ChannelType, PermissionFlagsBits, type GuildBasedChannel, type GuildMember } from 'discord.js';

/**
 * What the bot needs in the mentorship channel to run pairs' private threads:
 * see it, post in it, create private threads (type 12, which needs no server
 * boost), post in those threads, and archive, lock and reopen them.
 */
export const mentorshipChannelPermissions = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.CreatePrivateThreads, name: 'Create Private Threads' },
  { flag: PermissionFlagsBits.SendMessagesInThreads, name: 'Send Messages in Threads' },
  { flag: PermissionFlagsBits.ManageThreads, name: 'Manage Threads' },
] as const;

/** Private threads live in text channels only (not forums, voice or announcement channels). */
export function canHoldPrivateThreads(channel: GuildBasedChannel): boolean {
  return channel.type === ChannelType.GuildText;
}

/**
 * The permissions the bot lacks in a channel, by their names in Discord's
 * settings, computed from the cached roles and the channel's overwrites
 * (GUILD_CREATE carries both, so no request is needed). Empty when all are there.
 */
export function missingPermissions(channel: GuildBasedChannel, me: GuildMember): string[] {
  const granted = channel.permissionsFor(me);
  return mentorshipChannelPermissions.filter((permission) => !granted.has(permission.flag, true)).map((permission) => permission.name);
}
