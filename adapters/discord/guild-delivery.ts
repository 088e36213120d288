import type { Kysely } from 'kysely';
import { Routes } from 'discord.js';
import type { DeliveryResult, OutboxItem } from '../../core/ports/delivery.js';
import type { Database } from '../../core/store/database.js';
import { discordErrorCode, discordErrorCodes } from './errors.js';
import type { SpaceDeliveryContext } from './space-delivery.js';

/**
 * 'community.leave': an owner uninstalled the program, so the bot leaves the
 * server (`DELETE /users/@me/guilds/{guild}`, what `guild.leave()` calls), and
 * adding it again is the reinstall. A bot that is not in the server any more
 * (removed by hand, 10004 Unknown Guild) has nothing left to do. When the
 * community is ACTIVE again by the time the row comes up (the bot was removed
 * and added back while the closing notices waited), leaving would undo the
 * owner's reinstall: the row is done without leaving.
 */
export async function leaveGuild(context: SpaceDeliveryContext, item: OutboxItem): Promise<DeliveryResult> {
  const { db, rest, log } = context;
  const community = await db.selectFrom('communities').select(['platform', 'external_id', 'status']).where('id', '=', item.communityId).executeTakeFirst();
  if (!community || community.platform !== 'discord') return { status: 'failed', error: `community ${item.communityId} is not a Discord server` };
  if (community.status === 'ACTIVE') {
    log.info({ outboxId: item.id, guildId: community.external_id }, 'not leaving the server: the program was turned back on meanwhile');
    return { status: 'sent' };
  }
  try {
    await rest.delete(Routes.userGuild(community.external_id));
  } catch (error) {
    if (discordErrorCode(error) !== discordErrorCodes.unknownGuild) throw error;
  }
  log.info({ outboxId: item.id, guildId: community.external_id }, 'left the server: an owner uninstalled the program');
  return { status: 'sent' };
}

/** Why a row of a server the bot was removed from is not delivered (an outbox dead letter's `last_error`). */
export const removedFromServer =
  'not sent: the bot is no longer in this Discord server (removed, or the server was deleted), so the program there is off. ' +
  'Once someone adds the bot again, retry it from the dead letters if it still matters.';

/**
 * Whether the bot was removed from the community's server: INACTIVE without
 * an owner's uninstall (`onGuildRemoved` in `guild-lifecycle.ts`). Its rows
 * then fail at once, without a request: every one would be refused (no shared
 * server for a DM, Missing Access for a thread), and a backlog of refusals
 * only spends Discord's invalid-request budget, which bans the whole bot when
 * exceeded. They fail rather than wait: the server may never come back, and a
 * reminder or notice held until it does would arrive stale; a dead letter
 * stays retryable from the admin site. An owner's uninstall (INACTIVE with
 * `uninstalled_at`) is different: the bot is still there, and its closing
 * notices must go out before it leaves (`core/outbox/community-leave.ts`).
 */
export async function isRemovedFromServer(db: Kysely<Database>, communityId: number): Promise<boolean> {
  const community = await db.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', communityId).executeTakeFirst();
  return community?.status === 'INACTIVE' && community.uninstalled_at === null;
}
