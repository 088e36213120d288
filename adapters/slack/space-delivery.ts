import type { Kysely } from 'kysely';
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { findCommunity } from '../../core/communities/community.repository.js';
import { runningMentorshipStatuses } from '../../core/mentorships/mentorship.js';
import { attachSpace, findMentorshipSpace, isSpaceCreatePending, takeOverSpace } from '../../core/mentorships/mentorship-space.js';
import type { DeliveryResult, OutboxItem } from '../../core/ports/delivery.js';
import type { Log } from '../../core/ports/log.js';
import type { Message } from '../../core/reply.js';
import type { Database } from '../../core/store/database.js';
import { slackErrorCode } from './errors.js';
import { renderMessage } from './slack.renderer.js';

/**
 * The outbox's pair-space kinds on Slack ('space.create', 'space.post',
 * 'space.archive', 'space.reopen'; payloads in core/outbox/enqueue.ts). A
 * pair's space is, by the community's `slack.pairSpace` setting, a private
 * channel the bot creates with both members invited (the default), or a group
 * DM of the two and the bot (`conversations.open` with both users; for
 * workspaces where apps may not create channels).
 *
 * A group DM cannot be archived or reopened (Slack answers
 * `method_not_supported_for_channel_type`), so 'space.archive' and
 * 'space.reopen' post a note there instead; the activity of a mentorship that
 * is over is not counted (`recordSpaceActivity` counts running ones only).
 * The kind is read from Slack's answer rather than from the setting, which an
 * owner may change while mentorships run.
 *
 * A mentorship without a space waits for one only while its 'space.create'
 * is queued. Past that, a running one gets the pair's group DM (see
 * {@link storedSpace}): the usual case is an admin reactivating a mentorship
 * whose group DM the pair's later one took over (`takeOverSpace`).
 *
 * Slack errors are thrown to the caller (`dm-delivery.ts`), which classifies
 * them (429 → retry after Retry-After, 5xx → retry, a refusal → failed) and
 * reports a revoked token.
 */

export const spaceKinds: ReadonlySet<string> = new Set(['space.create', 'space.post', 'space.archive', 'space.reopen']);

export interface SpaceDeliveryContext {
  readonly db: Kysely<Database>;
  readonly log: Log;
  /** The Web API client of the community's workspace, or why there is none. */
  readonly connect: (communityId: number) => Promise<{ readonly client: webApi.WebClient; readonly teamId: string } | { readonly failed: string }>;
  /** Called with every Slack error before it is rethrown (the revoked-token report). */
  readonly onSlackError: (teamId: string, error: unknown) => Promise<void>;
}

const message = z.custom<Message>((value) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'message' && Array.isArray((value as { body?: unknown }).body));
const memberId = z.number().int().positive();
const mentorshipId = z.number().int().positive();

const payloads = {
  'space.create': z.object({ mentorshipId, mentorMemberId: memberId, menteeMemberId: memberId, name: z.string(), parentChannelId: z.string().nullable().optional(), agreement: message }),
  'space.post': z.object({ mentorshipId, message }),
  'space.archive': z.object({ mentorshipId }),
  'space.reopen': z.object({ mentorshipId }),
} as const;

/** Slack channel names: lowercase letters, digits, `-` and `_`, at most 80 characters. */
export const maxChannelNameLength = 80;

/**
 * A valid, unique channel name from the core's `name`: anything outside
 * `[a-z0-9_-]` becomes a dash, and `-m<mentorshipId>` (plus `-<attempt>`
 * after a `name_taken`) is kept within the 80 characters.
 */
export function channelName(name: string, mentorshipIdValue: number, attempt = 1): string {
  const suffix = `-m${mentorshipIdValue}${attempt > 1 ? `-${attempt}` : ''}`;
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  const kept = (base || 'mentorship').slice(0, maxChannelNameLength - suffix.length).replace(/[-_]+$/, '');
  return `${kept || 'm'}${suffix}`;
}

/** How many names to try when Slack answers `name_taken`. */
const nameAttempts = 5;

const sent: DeliveryResult = { status: 'sent' };

/** Slack's answer when a DM or group DM is asked to archive, unarchive or invite. */
const notForGroupDms = 'method_not_supported_for_channel_type';

/** What the bot says in a group DM where a channel would have been archived or reopened. */
export const groupDmNotes = {
  closed: {
    kind: 'message', visibility: 'pair',
    body: ['Slack cannot archive a group DM, so this conversation stays open for the two of you. The mentorship is over: the bot no longer follows this conversation.'],
  },
  reopened: {
    kind: 'message', visibility: 'pair',
    body: ['This group DM is your mentorship\'s space again: the bot posts its reminders here and counts how active you are (never what you write).'],
  },
} as const satisfies Record<string, Message>;

/** One attempt at a space kind; Slack errors are thrown after `onSlackError`. */
export async function deliverSpaceItem(item: OutboxItem, context: SpaceDeliveryContext): Promise<DeliveryResult> {
  const kind = item.kind as keyof typeof payloads;
  const parsed = payloads[kind].safeParse(item.payload);
  if (!parsed.success) return { status: 'failed', error: `malformed ${item.kind} payload: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const connection = await context.connect(item.communityId);
  if ('failed' in connection) return { status: 'failed', error: connection.failed };
  const { client, teamId } = connection;
  try {
    switch (kind) {
      case 'space.create':
        return await createSpace(context, client, item, payloads['space.create'].parse(item.payload));
      case 'space.post':
        return await postInSpace(context, client, item, payloads['space.post'].parse(item.payload));
      case 'space.archive':
        return await archiveSpace(context, client, item, payloads['space.archive'].parse(item.payload).mentorshipId);
      case 'space.reopen':
        return await reopenSpace(context, client, item, payloads['space.reopen'].parse(item.payload).mentorshipId);
    }
  } catch (error) {
    await context.onSlackError(teamId, error);
    throw error;
  }
}

type SpaceLookup = { readonly channel: string } | { readonly result: DeliveryResult };

/** What a row does for a mentorship that has no space and waits for none. */
interface WithoutSpace {
  /** Whether a running mentorship gets the pair's group DM for it. */
  readonly openWhileRunning: boolean;
  /** What the row comes to otherwise: the mentorship is over, or the row opens no space (an archive). */
  readonly otherwise: DeliveryResult;
}

/**
 * The channel of a mentorship in this community. Without one stored:
 * - its 'space.create' still waits in the outbox: 'retry', the create stores it;
 * - it runs (`withoutSpace.openWhileRunning`): the pair's group DM, opened
 *   with both users and taken over ({@link openGroupDm}). Slack gives two
 *   people one group DM, so when the pair's later mentorship took it over and
 *   an admin then reactivates this one, this finds it again, whatever the
 *   community's `slack.pairSpace` says now. A running mentorship whose create
 *   never went through (dead-lettered) gets one the same way: a group DM
 *   needs no right to create channels;
 * - else it comes to `withoutSpace.otherwise`: retrying would never find a space.
 */
async function storedSpace(context: SpaceDeliveryContext, client: webApi.WebClient, item: OutboxItem, id: number, withoutSpace: WithoutSpace): Promise<SpaceLookup> {
  const space = await findMentorshipSpace(context.db, id);
  if (space) {
    if (space.communityId !== item.communityId) return { result: { status: 'failed', error: `mentorship ${id} belongs to another community` } };
    return { channel: space.spaceId };
  }
  if (await isSpaceCreatePending(context.db, id)) return { result: { status: 'retry', error: `mentorship ${id} has no space yet (its space.create is still queued)` } };
  const mentorship = await context.db.selectFrom('mentorships').select(['community_id', 'status', 'mentor_id', 'mentee_id']).where('id', '=', id).executeTakeFirst();
  if (!mentorship) return { result: { status: 'failed', error: `mentorship ${id} is gone` } };
  if (mentorship.community_id !== item.communityId) return { result: { status: 'failed', error: `mentorship ${id} belongs to another community` } };
  const running = (runningMentorshipStatuses as readonly string[]).includes(mentorship.status);
  if (!running || !withoutSpace.openWhileRunning) {
    context.log.info({ outboxId: item.id, kind: item.kind, mentorshipId: id, status: mentorship.status }, 'the mentorship has no space to act in');
    return { result: withoutSpace.otherwise };
  }
  const memberIds = [mentorship.mentor_id, mentorship.mentee_id].filter((member): member is number => member !== null);
  const pair = memberIds.length === 2 ? await pairUserIds(context, item, memberIds) : { failed: 'a member of the pair was erased' };
  if ('failed' in pair) return { result: { status: 'failed', error: `mentorship ${id} has no space, and none can be opened: ${pair.failed}` } };
  const opened = await openGroupDm(context, client, id, pair.users);
  if ('channel' in opened) context.log.info({ outboxId: item.id, mentorshipId: id, channel: opened.channel }, 'a running mentorship without a space has the pair\'s group DM');
  return opened;
}

/**
 * The group DM of the pair and the bot, attached to the mentorship: the
 * same conversation for the same people, so a pair's ended mentorship that
 * held it lets it go (`takeOverSpace`). Answers the space another attempt
 * attached first, and fails when a running mentorship holds the group DM.
 */
async function openGroupDm(context: SpaceDeliveryContext, client: webApi.WebClient, id: number, users: readonly string[]): Promise<SpaceLookup> {
  const opened = await client.conversations.open({ users: users.join(',') });
  const channel = opened.channel?.id;
  if (!channel) return { result: { status: 'retry', error: 'conversations.open returned no conversation' } };
  if (await takeOverSpace(context.db, id, channel)) return { channel };
  const winner = await findMentorshipSpace(context.db, id);
  return winner ? { channel: winner.spaceId } : { result: { status: 'failed', error: `the group DM ${channel} belongs to another running mentorship` } };
}

/** The Slack user ids of both members, or why they cannot be invited. */
async function pairUserIds(context: SpaceDeliveryContext, item: OutboxItem, memberIds: readonly number[]): Promise<{ readonly users: string[] } | { readonly failed: string }> {
  const rows = await context.db.selectFrom('members').select(['id', 'platform_user_id', 'erased_at']).where('community_id', '=', item.communityId).where('id', 'in', [...memberIds]).execute();
  const users: string[] = [];
  for (const id of memberIds) {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row || row.erased_at) return { failed: `member ${id} cannot be reached (gone or erased)` };
    users.push(row.platform_user_id);
  }
  return { users };
}

/** Invites the users; those already in the channel are fine, and a group DM has both already. */
async function invite(client: webApi.WebClient, channel: string, users: readonly string[]): Promise<void> {
  try {
    await client.conversations.invite({ channel, users: users.join(',') });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== 'already_in_channel' && code !== notForGroupDms) throw error;
  }
}

async function post(client: webApi.WebClient, channel: string, content: Message): Promise<void> {
  const rendered = renderMessage(content);
  await client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false });
}

/**
 * A private channel, attached to the mentorship before the invites and the
 * agreement, so a retry finds it (`findMentorshipSpace`) and creates nothing:
 * it invites again (no-op for members already in) and posts the agreement.
 * Slack has no idempotency key for messages, so a worker that dies after
 * posting but before the outbox records it posts the agreement twice.
 * Unhandled: a worker that dies between `conversations.create` and the attach
 * leaves an empty channel; the retry gets `name_taken` and makes `-2`.
 */
async function createSpace(
  context: SpaceDeliveryContext,
  client: webApi.WebClient,
  item: OutboxItem,
  payload: z.infer<(typeof payloads)['space.create']>,
): Promise<DeliveryResult> {
  const pair = await pairUserIds(context, item, [payload.mentorMemberId, payload.menteeMemberId]);
  if ('failed' in pair) return { status: 'failed', error: pair.failed };
  const community = await findCommunity(context.db, item.communityId);
  if (community?.settings.slack.pairSpace === 'group-dm') return createGroupDm(context, client, item, payload, pair.users);

  let channel: string;
  const existing = await findMentorshipSpace(context.db, payload.mentorshipId);
  if (existing) {
    if (existing.communityId !== item.communityId) return { status: 'failed', error: `mentorship ${payload.mentorshipId} belongs to another community` };
    channel = existing.spaceId;
  } else {
    const created = await createPrivateChannel(client, payload.name, payload.mentorshipId);
    if ('result' in created) return created.result;
    if (await attachSpace(context.db, payload.mentorshipId, created.channel)) {
      channel = created.channel;
    } else {
      // Another attempt attached its channel first: use that one and drop ours.
      const winner = await findMentorshipSpace(context.db, payload.mentorshipId);
      if (!winner) return { status: 'retry', error: `mentorship ${payload.mentorshipId} is gone or its space could not be stored` };
      channel = winner.spaceId;
      await client.conversations.archive({ channel: created.channel }).catch((error: unknown) => context.log.warn({ outboxId: item.id, channel: created.channel, err: error }, 'could not archive a duplicate pair channel'));
    }
  }
  await invite(client, channel, pair.users);
  await post(client, channel, payload.agreement);
  return sent;
}

/**
 * A group DM of the pair and the bot (the bot is in every group DM it opens).
 * `conversations.open` answers the same conversation for the same people, so
 * a retry finds it again; a pair's earlier mentorship that held it lets it go
 * (`takeOverSpace`). Then the agreement is posted.
 */
async function createGroupDm(
  context: SpaceDeliveryContext,
  client: webApi.WebClient,
  item: OutboxItem,
  payload: z.infer<(typeof payloads)['space.create']>,
  users: readonly string[],
): Promise<DeliveryResult> {
  const existing = await findMentorshipSpace(context.db, payload.mentorshipId);
  if (existing && existing.communityId !== item.communityId) return { status: 'failed', error: `mentorship ${payload.mentorshipId} belongs to another community` };
  let channel = existing?.spaceId;
  if (!channel) {
    const opened = await openGroupDm(context, client, payload.mentorshipId, users);
    if ('result' in opened) return opened.result;
    channel = opened.channel;
  }
  await post(client, channel, payload.agreement);
  return sent;
}

async function createPrivateChannel(client: webApi.WebClient, name: string, id: number): Promise<{ readonly channel: string } | { readonly result: DeliveryResult }> {
  for (let attempt = 1; attempt <= nameAttempts; attempt++) {
    try {
      const created = await client.conversations.create({ name: channelName(name, id, attempt), is_private: true });
      const channel = created.channel?.id;
      if (!channel) return { result: { status: 'retry', error: 'conversations.create returned no channel' } };
      return { channel };
    } catch (error) {
      if (slackErrorCode(error) !== 'name_taken') throw error;
    }
  }
  return { result: { status: 'failed', error: `name_taken: ${nameAttempts} channel names for mentorship ${id} were all taken` } };
}

async function postInSpace(context: SpaceDeliveryContext, client: webApi.WebClient, item: OutboxItem, payload: z.infer<(typeof payloads)['space.post']>): Promise<DeliveryResult> {
  const space = await storedSpace(context, client, item, payload.mentorshipId, {
    openWhileRunning: true,
    otherwise: { status: 'failed', error: `mentorship ${payload.mentorshipId} is over and has no space to post in (its group DM went to the pair's later mentorship, or it never had one)` },
  });
  if ('result' in space) return space.result;
  await post(client, space.channel, payload.message);
  return sent;
}

async function archiveSpace(context: SpaceDeliveryContext, client: webApi.WebClient, item: OutboxItem, id: number): Promise<DeliveryResult> {
  // Without a space there is nothing to close (never one opened only to say it is closed).
  const space = await storedSpace(context, client, item, id, { openWhileRunning: false, otherwise: sent });
  if ('result' in space) return space.result;
  try {
    await client.conversations.archive({ channel: space.channel });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === notForGroupDms) await post(client, space.channel, groupDmNotes.closed);
    else if (code !== 'already_archived') throw error;
  }
  return sent;
}

/** Unarchives the channel and invites both members again (Slack may have removed them; members still in are skipped); a group DM gets a note. */
async function reopenSpace(context: SpaceDeliveryContext, client: webApi.WebClient, item: OutboxItem, id: number): Promise<DeliveryResult> {
  // Over again by now (ended right after the reactivation): nothing to reopen.
  const space = await storedSpace(context, client, item, id, { openWhileRunning: true, otherwise: sent });
  if ('result' in space) return space.result;
  const mentorship = await context.db.selectFrom('mentorships').select(['mentor_id', 'mentee_id']).where('id', '=', id).executeTakeFirst();
  if (!mentorship) return { status: 'failed', error: `mentorship ${id} is gone` };
  try {
    await client.conversations.unarchive({ channel: space.channel });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === notForGroupDms) {
      // A group DM was never archived and keeps both members: a note is all there is to do.
      await post(client, space.channel, groupDmNotes.reopened);
      return sent;
    }
    if (code !== 'not_archived') throw error;
  }
  const memberIds = [mentorship.mentor_id, mentorship.mentee_id].filter((member): member is number => member !== null);
  const pair = memberIds.length === 2 ? await pairUserIds(context, item, memberIds) : { failed: 'a member of the pair was erased' };
  if ('failed' in pair) {
    context.log.warn({ outboxId: item.id, mentorshipId: id, reason: pair.failed }, 'reopened a pair channel without inviting a member who is gone');
    return sent;
  }
  await invite(client, space.channel, pair.users);
  return sent;
}
