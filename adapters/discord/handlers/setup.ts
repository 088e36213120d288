import { updateSettings } from '../../../core/communities/update-settings.js';
import { viewSettings } from '../../../core/communities/view-settings.js';
import { problemReply } from '../../../core/problem-reply.js';
import { privateMessage } from '../../../core/reply.js';
import { canHoldPrivateThreads, missingPermissions } from '../channel-permissions.js';
import { discordErrorCode, discordErrorCodes } from '../errors.js';
import type { CommandHandler } from '../handler.js';

/**
 * `/mentor setup [channel]`: without a channel, shows where mentorship threads
 * go; with one, checks the bot can run private threads there, naming exactly
 * the permissions it lacks, and saves it (the core allows owners only).
 */
export const setup: CommandHandler = async ({ deps, actor, guild, respond }, interaction) => {
  await respond.defer();
  const current = await viewSettings(deps, actor);
  if (!current.ok) return respond.send(problemReply(current.problem));

  const chosen = interaction.options.getChannel('channel');
  if (!chosen) {
    const where = current.value.mentorshipChannelId ? `<#${current.value.mentorshipChannelId}>` : 'not chosen yet';
    return respond.send(privateMessage([`The mentorship channel is ${where}. Choose one with \`/mentor setup channel:\`; pairs get a private thread in it.`], { title: 'Setup' }));
  }
  // Fetched, not read from the cache: the interaction carries the channel as it was when chosen, and it may be gone since.
  const channel = await guild.channels.fetch(chosen.id, { force: true }).catch((error: unknown) => {
    if (discordErrorCode(error) === discordErrorCodes.unknownChannel || discordErrorCode(error) === discordErrorCodes.missingAccess) return null;
    throw error;
  });
  if (!channel) return respond.send(privateMessage(['I cannot see that channel: it may have been deleted, or I am not allowed to view it. Choose another one.']));
  if (!canHoldPrivateThreads(channel)) return respond.send(privateMessage([`<#${channel.id}> is not a text channel. Choose a text channel: private threads for pairs are created in it.`]));

  const me = guild.members.me;
  const missing = me ? missingPermissions(channel, me) : ['View Channel'];
  if (missing.length > 0) {
    return respond.send(
      privateMessage([`I am missing these permissions in <#${channel.id}>: ${missing.join(', ')}. Grant them to my role (or in the channel's permissions) and run setup again.`], { title: 'Missing permissions' }),
    );
  }
  const saved = await updateSettings(deps, actor, { mentorshipChannelId: channel.id });
  if (!saved.ok) return respond.send(problemReply(saved.problem));
  await respond.send(privateMessage([`Done: private threads for mentorship pairs will be created in <#${channel.id}>.`], { title: 'Setup saved' }));
};
