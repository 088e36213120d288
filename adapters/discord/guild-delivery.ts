import { Routes } from 'discord.js';
import type { DeliveryResult, OutboxItem } from '../../core/ports/delivery.js';
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
