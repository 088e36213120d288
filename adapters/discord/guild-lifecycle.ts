import type { Guild, GuildMember, PartialGuildMember } from 'discord.js';
import { systemActor } from '../../core/access/actor.js';
import { commandCatalog } from '../../core/commands/commands.js';
import { findCommunityByExternalId, type CommunityProfile } from '../../core/communities/community.repository.js';
import { ensureCommunity } from '../../core/communities/ensure-community.js';
import type { CoreDeps } from '../../core/deps.js';
import { welcomeMessage } from '../../core/help/welcome-message.js';
import { markMemberLeft } from '../../core/members/mark-member-left.js';
import { markMemberReturned } from '../../core/members/mark-member-returned.js';
import type { Log } from '../../core/ports/log.js';
import { renderMessage } from './discord.renderer.js';
import { discordErrorCode, discordErrorCodes } from './errors.js';

/**
 * The community for a guild, created the first time the bot meets it (on
 * GUILD_CREATE, or on the first interaction if that came first) with the
 * server owner as its first OWNER.
 */
export async function ensureGuildCommunity(deps: Pick<CoreDeps, 'db'>, guild: Guild): Promise<CommunityProfile> {
  const known = await findCommunityByExternalId(deps.db, 'discord', guild.id);
  if (known) return known;
  const owner = guild.members.cache.get(guild.ownerId);
  const ensured = await ensureCommunity(deps, systemActor, {
    platform: 'discord',
    externalId: guild.id,
    name: guild.name.trim() || `Discord server ${guild.id}`,
    ownerPlatformUserId: guild.ownerId,
    ownerDisplayName: owner?.displayName.trim() || 'Server owner',
  });
  // The system actor may always ensure a community; anything else is a bug.
  if (!ensured.ok) throw new Error(`could not ensure the community of guild ${guild.id}: ${ensured.problem.message}`);
  return ensured.value.community;
}

/**
 * Someone joined the server: a member who had left comes back (their profile
 * kept), and everyone gets a welcome DM pointing at `/mentor join`. The DM is
 * sent directly rather than through the outbox: the newcomer has no member row
 * yet, and a lost welcome is harmless. Closed DMs (50007) are normal.
 */
export async function onMemberJoined(deps: CoreDeps, log: Log, member: GuildMember): Promise<void> {
  if (member.user.bot) return;
  const community = await ensureGuildCommunity(deps, member.guild);
  await markMemberReturned(deps, systemActor, { communityId: community.id, platformUserId: member.id });
  const rendered = renderMessage(welcomeMessage({ communityName: community.name, programName: community.settings.programName, catalog: commandCatalog }));
  try {
    await member.send({ embeds: rendered.embeds, components: rendered.components, allowedMentions: rendered.allowedMentions });
  } catch (error) {
    if (discordErrorCode(error) !== discordErrorCodes.cannotMessageUser) throw error;
    log.info({ guildId: member.guild.id, userId: member.id }, 'welcome DM not sent: the member does not accept DMs');
  }
}

/** Someone left the server (or was kicked or banned): their member row becomes LEFT and their open requests are withdrawn. */
export async function onMemberLeft(deps: CoreDeps, member: GuildMember | PartialGuildMember): Promise<void> {
  const community = await findCommunityByExternalId(deps.db, 'discord', member.guild.id);
  if (!community) return;
  await markMemberLeft(deps, systemActor, { communityId: community.id, platformUserId: member.id });
}
