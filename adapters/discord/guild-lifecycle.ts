import type { Guild, GuildMember, PartialGuildMember } from 'discord.js';
import { systemActor } from '../../core/access/actor.js';
import { commandCatalog } from '../../core/commands/commands.js';
import { findCommunityByExternalId, type CommunityProfile } from '../../core/communities/community.repository.js';
import { ensureCommunity } from '../../core/communities/ensure-community.js';
import { reinstallCommunity } from '../../core/communities/reinstall-community.js';
import { setCommunityStatus } from '../../core/communities/set-community-status.js';
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
 * server owner as its first OWNER. A known one comes back whatever its
 * status: the router refuses to act in an INACTIVE one.
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
 * The bot was added to a server (GUILD_CREATE after the client was ready; the
 * servers it is already in at start-up go through {@link ensureGuildCommunity}
 * alone). A server whose program was switched off gets it back: its owner
 * uninstalled it and the bot left, so being added again is the reinstall
 * (`reinstallCommunity`, audited as the system's). Mentorships ended by the
 * uninstall stay ended.
 */
export async function onGuildJoined(deps: Pick<CoreDeps, 'db' | 'clock'>, log: Log, guild: Guild): Promise<CommunityProfile> {
  const community = await ensureGuildCommunity(deps, guild);
  if (community.status === 'ACTIVE') return community;
  const outcome = await reinstallCommunity(deps, systemActor, { communityId: community.id, cause: 'discord.bot-added' });
  // The system actor may always reinstall, and the community was just read: anything else is a bug.
  if (!outcome.ok) throw new Error(`could not turn the program of guild ${guild.id} back on: ${outcome.problem.message}`);
  log.info({ guildId: guild.id, communityId: community.id, wasUninstalled: outcome.value.wasUninstalled }, 'the bot was added to the server again: the program is on again');
  return { ...community, status: 'ACTIVE', uninstalledAt: null };
}

/**
 * A server the bot is in when it starts (from READY, before 'guildCreate' is
 * emitted for new ones). Being there is not being added again for a program an
 * owner switched off: the bot may not have left yet (its `community.leave`
 * waits behind the closing notices), so that one stays off. But a community
 * that is off only because the bot had been removed (see {@link onGuildRemoved})
 * has the bot back: it was added again while this process was not connected,
 * and no GUILD_CREATE will come after ready to say so.
 */
export async function onGuildPresentAtStart(deps: Pick<CoreDeps, 'db' | 'clock'>, log: Log, guild: Guild): Promise<CommunityProfile> {
  const community = await ensureGuildCommunity(deps, guild);
  if (community.status === 'ACTIVE' || community.uninstalledAt) return community;
  return onGuildJoined(deps, log, guild);
}

/**
 * The bot is out of a server: kicked, or the server was deleted (GUILD_DELETE
 * without `unavailable`; an outage comes as `unavailable: true`, which
 * discord.js emits as 'guildUnavailable' instead, so it never reaches here;
 * `guild.available` is not checked, as it stays false for a server that was
 * unavailable before it was removed). The community becomes INACTIVE,
 * without the owner's uninstall mark (`uninstalled_at` stays as it is):
 * its jobs stop and its outbox rows are refused (`guild-delivery.ts`),
 * its data and mentorships stay as they are, and adding the bot again
 * ({@link onGuildJoined}) turns it back on. The bot leaving after an
 * owner's uninstall ends here too, with the community INACTIVE already.
 */
export async function onGuildRemoved(deps: Pick<CoreDeps, 'db' | 'clock'>, log: Log, guild: Guild): Promise<void> {
  const outcome = await setCommunityStatus(deps, systemActor, { platform: 'discord', externalId: guild.id, status: 'INACTIVE' });
  // The system actor may always set a status: anything else is a bug.
  if (!outcome.ok) throw new Error(`could not switch off the program of guild ${guild.id}: ${outcome.problem.message}`);
  const { communityId, changed } = outcome.value;
  if (changed) log.warn({ guildId: guild.id, communityId }, 'the bot was removed from the server (or the server was deleted): the program is off until the bot is added again');
  else if (communityId !== null) log.info({ guildId: guild.id, communityId }, 'the bot is out of the server, whose program was already off');
}

/**
 * Someone joined the server: a member who had left comes back (their profile
 * kept), and everyone gets a welcome DM pointing at `/mentor join`, unless the
 * program is switched off there. The DM is sent directly rather than through
 * the outbox: the newcomer has no member row yet, and a lost welcome is
 * harmless. Closed DMs (50007) are normal.
 */
export async function onMemberJoined(deps: CoreDeps, log: Log, member: GuildMember): Promise<void> {
  if (member.user.bot) return;
  const community = await ensureGuildCommunity(deps, member.guild);
  await markMemberReturned(deps, systemActor, { communityId: community.id, platformUserId: member.id });
  // A switched-off program invites nobody (the bot is on its way out of the server).
  if (community.status !== 'ACTIVE') return;
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
