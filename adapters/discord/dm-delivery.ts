import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { REST, Routes, type APIChannel } from 'discord.js';
import { z } from 'zod';
import type { DeliveryResult, OutboxItem, PlatformDelivery } from '../../core/ports/delivery.js';
import { silentLog, type Log } from '../../core/ports/log.js';
import type { Message } from '../../core/reply.js';
import type { Database } from '../../core/store/database.js';
import { renderMessage } from './discord.renderer.js';
import { discordErrorCode, discordErrorCodes, isServerError, rateLimitDelay } from './errors.js';

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
  message: z.custom<Message>((value) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'message' && Array.isArray((value as { body?: unknown }).body)),
});

/** Codes that mean this message will never get through to this person. */
const undeliverable = new Set<number>([
  discordErrorCodes.cannotMessageUser,
  discordErrorCodes.unknownUser,
  discordErrorCodes.unknownChannel,
  discordErrorCodes.missingAccess,
  discordErrorCodes.missingPermissions,
]);

/**
 * Discord allows a nonce of at most 25 characters, and outbox dedupe keys are
 * longer; a digest of the key is just as unique for Discord's dedupe window.
 */
export function messageNonce(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 25);
}

/**
 * The outbox's Discord side: one attempt per call, the dispatcher owns
 * retries. Its REST client neither retries nor waits out 429s (discord.js
 * would otherwise sleep inside the attempt), so a 429 comes back at once as
 * 'retry' with Discord's retry-after, and the dispatcher's pacer holds the queue.
 *
 * Kind 'dm': looks up the member's Discord user id, opens the DM channel and
 * sends the rendered message with the dedupe key's digest as `nonce` and
 * `enforce_nonce`, so a redelivery after a crash is dropped by Discord.
 */
export function createDiscordDelivery(options: DiscordDeliveryOptions): PlatformDelivery {
  const log = options.log ?? silentLog;
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs ?? 15_000 }).setToken(options.token);

  async function sendDirectMessage(item: OutboxItem): Promise<DeliveryResult> {
    const payload = directMessagePayload.safeParse(item.payload);
    if (!payload.success) return { status: 'failed', error: `malformed dm payload: ${payload.error.issues[0]?.message ?? 'invalid'}` };
    const member = await options.db
      .selectFrom('members')
      .select(['platform_user_id', 'erased_at'])
      .where('id', '=', payload.data.recipientMemberId)
      .where('community_id', '=', item.communityId)
      .executeTakeFirst();
    if (!member || member.erased_at) return { status: 'failed', error: `member ${payload.data.recipientMemberId} cannot be reached (gone or erased)` };

    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: member.platform_user_id } })) as APIChannel;
    const rendered = renderMessage(payload.data.message);
    await rest.post(Routes.channelMessages(channel.id), {
      body: {
        ...(rendered.content ? { content: rendered.content } : {}),
        embeds: rendered.embeds,
        components: rendered.components,
        allowed_mentions: rendered.allowedMentions,
        nonce: messageNonce(item.dedupeKey),
        enforce_nonce: true,
        ...(rendered.files.length > 0 ? { attachments: rendered.files.map((file, index) => ({ id: index, filename: file.name })) } : {}),
      },
      files: rendered.files.map((file) => ({ name: file.name, data: file.data, contentType: file.contentType })),
    });
    return { status: 'sent' };
  }

  return {
    platform: 'discord',
    async deliver(item) {
      if (item.kind !== 'dm') return { status: 'failed', error: `the Discord adapter does not deliver '${item.kind}' yet` };
      try {
        return await sendDirectMessage(item);
      } catch (error) {
        const result = classify(error);
        log.warn({ outboxId: item.id, status: result.status, err: error }, 'Discord delivery did not go through');
        return result;
      }
    },
  };
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
