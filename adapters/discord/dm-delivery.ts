import type { Kysely } from 'kysely';
import { REST, Routes, type APIChannel } from 'discord.js';
import { z } from 'zod';
import { runningMentorshipStatuses } from '../../core/mentorships/mentorship.js';
import type { DeliveryResult, OutboxItem, PlatformDelivery } from '../../core/ports/delivery.js';
import { silentLog, type Log } from '../../core/ports/log.js';
import type { Database } from '../../core/store/database.js';
import { messageSchema, platformUserOf, postMessage } from './delivery-common.js';
import { discordErrorCode, discordErrorCodes, isServerError, rateLimitDelay } from './errors.js';
import { isRemovedFromServer, leaveGuild, removedFromServer } from './guild-delivery.js';
import { createSpace, postInSpace, setSpaceArchived, type SpaceDeliveryContext } from './space-delivery.js';

export { messageNonce } from './delivery-common.js';

export interface DiscordDeliveryOptions {
  readonly db: Kysely<Database>;
  readonly token: string;
  readonly apiUrl?: string;
  readonly log?: Log;
  /** Per request; a slow Discord becomes a retry rather than a stuck worker. */
  readonly timeoutMs?: number;
}

const directMessagePayload = z.object({
  recipientMemberId: z.number().int().positive(),
  message: messageSchema,
  timely: z.literal(true).optional(),
  mentorshipId: z.number().int().positive().optional(),
});

/** Codes that mean this will never get through (this person, this channel). */
const undeliverable = new Set<number>([
  discordErrorCodes.cannotMessageUser,
  discordErrorCodes.unknownUser,
  discordErrorCodes.unknownChannel,
  discordErrorCodes.missingAccess,
  discordErrorCodes.missingPermissions,
]);

/**
 * The outbox's Discord side: one attempt per call, the dispatcher owns
 * retries. Its REST client neither retries nor waits out 429s (discord.js
 * would otherwise sleep inside the attempt), so a 429 comes back at once as
 * 'retry' with Discord's retry-after, and the dispatcher's pacer holds the queue.
 *
 * Kind 'dm': looks up the member's Discord user id, opens the DM channel and
 * sends the rendered message with the dedupe key's digest as `nonce` and
 * `enforce_nonce`, so a redelivery after a crash is dropped by Discord. When
 * the member does not accept DMs (50007), a reminder (`timely`: about a
 * session or a due date of the pair) goes to their pair thread instead,
 * mentioning them. Nothing else falls back: the other member reads that
 * thread, and a private notice (a warning after a report, an admin's message)
 * must never land where someone else can see it.
 *
 * Kinds 'space.*': the pair's private thread, see `space-delivery.ts`.
 * Kind 'community.leave': the bot leaves the server, see `guild-delivery.ts`.
 *
 * Nothing but a leave is delivered in a server the bot was removed from: those
 * rows fail at once, with the reason, and without a request (`isRemovedFromServer`).
 */
export function createDiscordDelivery(options: DiscordDeliveryOptions): PlatformDelivery {
  const log = options.log ?? silentLog;
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs ?? 15_000 }).setToken(options.token);
  const context: SpaceDeliveryContext = { db: options.db, rest, log };

  async function sendDirectMessage(item: OutboxItem): Promise<DeliveryResult> {
    const payload = directMessagePayload.safeParse(item.payload);
    if (!payload.success) return { status: 'failed', error: `malformed dm payload: ${payload.error.issues[0]?.message ?? 'invalid'}` };
    const { recipientMemberId, message } = payload.data;
    const userId = await platformUserOf(options.db, item.communityId, recipientMemberId);
    if (!userId) return { status: 'failed', error: `member ${recipientMemberId} cannot be reached (gone or erased)` };

    try {
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
      await postMessage(rest, channel.id, message, item.dedupeKey);
    } catch (error) {
      if (discordErrorCode(error) !== discordErrorCodes.cannotMessageUser) throw error;
      if (payload.data.timely !== true) throw error;
      const threadId = await pairThreadOf(options.db, item.communityId, recipientMemberId, payload.data.mentorshipId);
      if (!threadId) throw error;
      log.info({ outboxId: item.id, memberId: recipientMemberId, threadId }, 'DMs closed: delivered in the pair thread instead');
      await postMessage(rest, threadId, message, item.dedupeKey, userId);
    }
    return { status: 'sent' };
  }

  const byKind: Readonly<Record<string, (item: OutboxItem) => Promise<DeliveryResult>>> = {
    dm: sendDirectMessage,
    'space.create': (item) => createSpace(context, item),
    'space.post': (item) => postInSpace(context, item),
    'space.archive': (item) => setSpaceArchived(context, item, true),
    'space.reopen': (item) => setSpaceArchived(context, item, false),
    'community.leave': (item) => leaveGuild(context, item),
  };

  return {
    platform: 'discord',
    async deliver(item) {
      const deliverKind = Object.hasOwn(byKind, item.kind) ? byKind[item.kind] : undefined;
      if (!deliverKind) return { status: 'failed', error: `the Discord adapter does not deliver '${item.kind}'` };
      // A leave handles a server it is already out of itself (10004 Unknown Guild).
      if (item.kind !== 'community.leave' && (await isRemovedFromServer(options.db, item.communityId))) {
        log.info({ outboxId: item.id, kind: item.kind, communityId: item.communityId }, 'not delivered: the bot was removed from the server');
        return { status: 'failed', error: removedFromServer };
      }
      try {
        return await deliverKind(item);
      } catch (error) {
        const result = classify(error);
        log.warn({ outboxId: item.id, kind: item.kind, status: result.status, err: error }, 'Discord delivery did not go through');
        return result;
      }
    },
  };
}

/** The thread of the member's most recent running mentorship (of the one the message names, when it names one), if it has one. */
async function pairThreadOf(db: Kysely<Database>, communityId: number, memberId: number, mentorshipId: number | undefined): Promise<string | null> {
  let query = db
    .selectFrom('mentorships')
    .select('space_id')
    .where('community_id', '=', communityId)
    .where('status', 'in', [...runningMentorshipStatuses])
    .where('space_id', 'is not', null)
    .where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)]))
    .orderBy('id', 'desc');
  if (mentorshipId !== undefined) query = query.where('id', '=', mentorshipId);
  const row = await query.executeTakeFirst();
  return row?.space_id ?? null;
}

function classify(error: unknown): DeliveryResult {
  const message = error instanceof Error ? error.message : String(error);
  const retryAfterMs = rateLimitDelay(error);
  if (retryAfterMs !== null) return { status: 'retry', error: `rate limited: ${message}`, retryAfterMs };
  const code = discordErrorCode(error);
  if (code !== null && undeliverable.has(code)) return { status: 'failed', error: `${code}: ${message}` };
  if (isServerError(error) || code === null) return { status: 'retry', error: message };
  // Any other 4xx is a request Discord will refuse again the same way.
  return { status: 'failed', error: `${code}: ${message}` };
}
