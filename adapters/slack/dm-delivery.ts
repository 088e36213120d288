import type { Kysely } from 'kysely';
import { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { DeliveryResult, OutboxItem, PlatformDelivery } from '../../core/ports/delivery.js';
import { silentLog, type Log } from '../../core/ports/log.js';
import type { Message } from '../../core/reply.js';
import type { Database } from '../../core/store/database.js';
import { isRevokedAccess, isTransientFailure, rateLimitDelayMs, slackErrorCode } from './errors.js';
import { renderMessage } from './slack.renderer.js';
import { deliverSpaceItem, spaceKinds } from './space-delivery.js';

export interface SlackDeliveryOptions {
  readonly db: Kysely<Database>;
  /** The bot token of a workspace, or null when the app is not installed there (any more). */
  readonly botTokenFor: (teamId: string) => Promise<string | null>;
  /** Told when a call says the token was revoked, so the workspace is marked INACTIVE. */
  readonly onRevoked?: (teamId: string) => Promise<void>;
  /** Web API base; unset means Slack itself. */
  readonly apiUrl?: string;
  readonly log?: Log;
  /** Per request; a slow Slack becomes a retry rather than a stuck worker. */
  readonly timeoutMs?: number;
}

const directMessagePayload = z.object({
  recipientMemberId: z.number().int().positive(),
  message: z.custom<Message>((value) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'message' && Array.isArray((value as { body?: unknown }).body)),
});

/** Codes that mean this message will never reach this person (or this workspace). */
const undeliverable: ReadonlySet<string> = new Set([
  'user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'user_not_visible', 'channel_not_found', 'is_archived',
  'not_in_channel', 'token_revoked', 'token_expired', 'invalid_auth', 'not_authed', 'missing_scope', 'team_access_not_granted',
  'restricted_action', 'is_archived',
]);

/**
 * The outbox's Slack side: one attempt per call, the dispatcher owns retries.
 * Its WebClient neither retries nor waits out 429s (it would otherwise sleep
 * inside the attempt, up to half an hour), so a 429 comes back at once as
 * 'retry' with Slack's Retry-After, and the dispatcher's pacer holds the queue.
 *
 * Kind 'dm': opens the DM with the member's Slack user (`conversations.open`)
 * and posts the rendered blocks with a text fallback. Slack offers no
 * idempotency key for bot messages, so a worker that dies between posting and
 * recording may post twice; the outbox's claim makes that window small.
 *
 * Kinds 'space.create', 'space.post', 'space.archive', 'space.reopen': the
 * pair's private channel, see `space-delivery.ts`.
 */
export function createSlackDelivery(options: SlackDeliveryOptions): PlatformDelivery {
  const log = options.log ?? silentLog;
  const clients = new Map<string, webApi.WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.timeoutMs ?? 15_000,
      });
      clients.set(token, client);
    }
    return client;
  };

  async function sendDirectMessage(item: OutboxItem): Promise<DeliveryResult & { teamId?: string }> {
    const payload = directMessagePayload.safeParse(item.payload);
    if (!payload.success) return { status: 'failed', error: `malformed dm payload: ${payload.error.issues[0]?.message ?? 'invalid'}` };
    const recipient = await options.db
      .selectFrom('members')
      .innerJoin('communities', 'communities.id', 'members.community_id')
      .select(['members.platform_user_id', 'members.erased_at', 'communities.external_id'])
      .where('members.id', '=', payload.data.recipientMemberId)
      .where('members.community_id', '=', item.communityId)
      .executeTakeFirst();
    if (!recipient || recipient.erased_at) return { status: 'failed', error: `member ${payload.data.recipientMemberId} cannot be reached (gone or erased)` };
    const token = await options.botTokenFor(recipient.external_id);
    if (!token) return { status: 'failed', error: `the app is not installed in Slack team ${recipient.external_id}` };

    const client = clientFor(token);
    try {
      const opened = await client.conversations.open({ users: recipient.platform_user_id });
      const channel = opened.channel?.id;
      if (!channel) return { status: 'retry', error: 'conversations.open returned no channel' };
      const rendered = renderMessage(payload.data.message);
      await client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false });
      return { status: 'sent' };
    } catch (error) {
      await reportRevoked(recipient.external_id, error);
      throw error;
    }
  }

  const reportRevoked = async (teamId: string, error: unknown) => {
    if (isRevokedAccess(error) && options.onRevoked) await options.onRevoked(teamId).catch((second: unknown) => log.error({ err: second }, 'could not mark the workspace revoked'));
  };

  async function connect(communityId: number): Promise<{ client: webApi.WebClient; teamId: string } | { failed: string }> {
    const community = await options.db.selectFrom('communities').select(['external_id', 'platform']).where('id', '=', communityId).executeTakeFirst();
    if (!community || community.platform !== 'slack') return { failed: `community ${communityId} is not a Slack workspace` };
    const token = await options.botTokenFor(community.external_id);
    if (!token) return { failed: `the app is not installed in Slack team ${community.external_id}` };
    return { client: clientFor(token), teamId: community.external_id };
  }

  return {
    platform: 'slack',
    async deliver(item) {
      if (item.kind !== 'dm' && !spaceKinds.has(item.kind)) return { status: 'failed', error: `the Slack adapter does not deliver '${item.kind}'` };
      try {
        if (item.kind !== 'dm') return await deliverSpaceItem(item, { db: options.db, log, connect, onSlackError: reportRevoked });
        return await sendDirectMessage(item);
      } catch (error) {
        const result = classify(error);
        log.warn({ outboxId: item.id, status: result.status, err: error }, 'Slack delivery did not go through');
        return result;
      }
    },
  };
}

function classify(error: unknown): DeliveryResult {
  const message = error instanceof Error ? error.message : String(error);
  const retryAfterMs = rateLimitDelayMs(error);
  if (retryAfterMs !== null) return { status: 'retry', error: `rate limited: ${message}`, retryAfterMs };
  const code = slackErrorCode(error);
  if (code !== null && undeliverable.has(code)) return { status: 'failed', error: code };
  if (isTransientFailure(error) || code === null) return { status: 'retry', error: message };
  // Any other refusal (invalid_blocks, msg_too_long…) would be refused again the same way.
  return { status: 'failed', error: code };
}
