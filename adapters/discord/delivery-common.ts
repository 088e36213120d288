import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Routes, type REST } from 'discord.js';
import { z } from 'zod';
import type { Message } from '../../core/reply.js';
import type { Database } from '../../core/store/database.js';
import { renderMessage } from './discord.renderer.js';

/** A neutral message as it arrives in an outbox payload (read back from JSON). */
export const messageSchema = z.custom<Message>((value) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'message' && Array.isArray((value as { body?: unknown }).body));

/**
 * Discord allows a nonce of at most 25 characters, and outbox dedupe keys are
 * longer; a digest of the key is just as unique for Discord's dedupe window.
 */
export function messageNonce(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 25);
}

/**
 * Sends a rendered message into a channel (DM or thread) with the dedupe
 * key's digest as `nonce` and `enforce_nonce`, so a redelivery after a crash
 * is dropped by Discord. `mention` prefixes the content with a ping that notifies.
 */
export async function postMessage(rest: REST, channelId: string, message: Message, dedupeKey: string, mention?: string): Promise<void> {
  const rendered = renderMessage(message);
  const content = [mention ? `<@${mention}>` : '', rendered.content ?? ''].filter(Boolean).join(' ');
  await rest.post(Routes.channelMessages(channelId), {
    body: {
      ...(content ? { content } : {}),
      embeds: rendered.embeds,
      components: rendered.components,
      allowed_mentions: rendered.allowedMentions,
      nonce: messageNonce(dedupeKey),
      enforce_nonce: true,
      ...(rendered.files.length > 0 ? { attachments: rendered.files.map((file, index) => ({ id: index, filename: file.name })) } : {}),
    },
    files: rendered.files.map((file) => ({ name: file.name, data: file.data, contentType: file.contentType })),
  });
}

/** The Discord user id of a member of this community, or null when the member is gone or erased. */
export async function platformUserOf(db: Kysely<Database>, communityId: number, memberId: number): Promise<string | null> {
  const member = await db
    .selectFrom('members')
    .select(['platform_user_id', 'erased_at'])
    .where('id', '=', memberId)
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  return member && !member.erased_at ? member.platform_user_id : null;
}
