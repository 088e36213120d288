import type { Kysely } from 'kysely';
import { ChannelType, Routes, ThreadAutoArchiveDuration, type APIChannel, type REST } from 'discord.js';
import { z } from 'zod';
import { attachSpace, findMentorshipSpace } from '../../core/mentorships/mentorship-space.js';
import type { DeliveryResult, OutboxItem } from '../../core/ports/delivery.js';
import type { Log } from '../../core/ports/log.js';
import type { Database } from '../../core/store/database.js';
import { messageSchema, platformUserOf, postMessage } from './delivery-common.js';

/**
 * The pair's private thread, as the outbox asks for it ('space.create',
 * 'space.post', 'space.archive', 'space.reopen'; payloads in
 * `core/outbox/enqueue.ts`). One attempt per call; a thrown Discord error is
 * classified by the caller (`dm-delivery.ts`).
 */
export interface SpaceDeliveryContext {
  readonly db: Kysely<Database>;
  readonly rest: REST;
  readonly log: Log;
}

const mentorshipId = z.number().int().positive();

const spaceCreatePayload = z.object({
  mentorshipId,
  mentorMemberId: z.number().int().positive(),
  menteeMemberId: z.number().int().positive(),
  name: z.string().min(1),
  parentChannelId: z.string().min(1).nullable(),
  agreement: messageSchema,
});
const spacePostPayload = z.object({ mentorshipId, message: messageSchema });
const spaceStatePayload = z.object({ mentorshipId });

export const noMentorshipChannel = 'no mentorship channel: an owner must run /mentor setup';
const notCreatedYet = 'the pair\'s thread is not created yet (its space.create is still queued)';

function malformed(kind: string, error: z.ZodError): DeliveryResult {
  return { status: 'failed', error: `malformed ${kind} payload: ${error.issues[0]?.message ?? 'invalid'}` };
}

/**
 * 'space.create': a private thread (invite-only for members) in the
 * community's mentorship channel, both members added, its id stored, then the
 * agreement posted. Idempotent: when the mentorship already has a thread (a
 * retry after a later step failed), no second thread is made; the members are
 * added again (a no-op for those already in) and the agreement is posted with
 * the same nonce, which Discord drops if the first post got through.
 */
export async function createSpace(context: SpaceDeliveryContext, item: OutboxItem): Promise<DeliveryResult> {
  const parsed = spaceCreatePayload.safeParse(item.payload);
  if (!parsed.success) return malformed('space.create', parsed.error);
  const payload = parsed.data;
  const { db, rest, log } = context;

  const userIds: string[] = [];
  for (const memberId of [payload.mentorMemberId, payload.menteeMemberId]) {
    const userId = await platformUserOf(db, item.communityId, memberId);
    if (!userId) return { status: 'failed', error: `member ${memberId} cannot be reached (gone or erased)` };
    userIds.push(userId);
  }

  let threadId = (await findMentorshipSpace(db, payload.mentorshipId))?.spaceId;
  if (!threadId) {
    if (!payload.parentChannelId) return { status: 'failed', error: noMentorshipChannel };
    const thread = (await rest.post(Routes.threads(payload.parentChannelId), {
      body: { name: payload.name, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
    })) as APIChannel;
    // Stored before anything else can fail, so a retry finds it instead of creating another.
    if (await attachSpace(db, payload.mentorshipId, thread.id)) {
      threadId = thread.id;
    } else {
      // Another delivery attached a thread in the meantime: use that one, remove ours.
      threadId = (await findMentorshipSpace(db, payload.mentorshipId))!.spaceId;
      await rest.delete(Routes.channel(thread.id)).catch((error: unknown) => log.warn({ err: error, threadId: thread.id, mentorshipId: payload.mentorshipId }, 'could not remove a duplicate mentorship thread'));
    }
  }
  for (const userId of userIds) await rest.put(Routes.threadMembers(threadId, userId));
  await postMessage(rest, threadId, payload.agreement, item.dedupeKey);
  return { status: 'sent' };
}

/** 'space.post': a message for the pair, in their thread; 'retry' while the thread does not exist yet. */
export async function postInSpace(context: SpaceDeliveryContext, item: OutboxItem): Promise<DeliveryResult> {
  const parsed = spacePostPayload.safeParse(item.payload);
  if (!parsed.success) return malformed('space.post', parsed.error);
  const space = await findMentorshipSpace(context.db, parsed.data.mentorshipId);
  if (!space) return { status: 'retry', error: notCreatedYet };
  await postMessage(context.rest, space.spaceId, parsed.data.message, item.dedupeKey);
  return { status: 'sent' };
}

/**
 * 'space.archive' (closed: archived and locked, history readable, nobody
 * posts) and 'space.reopen' (both undone). 'retry' while the thread does not exist yet.
 */
export async function setSpaceArchived(context: SpaceDeliveryContext, item: OutboxItem, archived: boolean): Promise<DeliveryResult> {
  const parsed = spaceStatePayload.safeParse(item.payload);
  if (!parsed.success) return malformed(item.kind, parsed.error);
  const space = await findMentorshipSpace(context.db, parsed.data.mentorshipId);
  if (!space) return { status: 'retry', error: notCreatedYet };
  await context.rest.patch(Routes.channel(space.spaceId), { body: { archived, locked: archived } });
  return { status: 'sent' };
}
