import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMentorshipSpace } from '../../core/mentorships/mentorship-space.js';
import type { SpaceCreatePayload } from '../../core/outbox/enqueue.js';
import type { OutboxItem } from '../../core/ports/delivery.js';
import type { Message } from '../../core/reply.js';
import { makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { FakeDiscord } from '../../test/fake-discord/fake-discord.js';
import type { FakeChannel } from '../../test/fake-discord/payloads.js';
import { failures } from '../../test/fake-discord/rest.js';
import { createDiscordDelivery, messageNonce } from './dm-delivery.js';

const database = useTestDatabase();
let discord: FakeDiscord;
let community: BuiltCommunity;
let channel: FakeChannel;
let sequence = 0;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  community = await makeCommunity(database.db);
  channel = { id: discord.nextId(), name: 'mentorship', type: 0, guildId: discord.nextId() };
  discord.channels.set(channel.id, channel);
});
afterAll(async () => {
  await discord?.close();
});

function delivery() {
  return createDiscordDelivery({ db: database.db, token: 'fake-bot-token', apiUrl: discord.apiUrl });
}

function item(kind: string, payload: object, dedupeKey = `${kind}:${++sequence}`): OutboxItem {
  sequence++;
  // As the dispatcher hands it over: read back from JSON.
  return { id: sequence, communityId: community.id, platform: 'discord', kind, payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>, dedupeKey, attempts: 0 };
}

function pairMessage(text: string, title?: string): Message {
  return { kind: 'message', visibility: 'pair', body: [text], ...(title ? { title } : {}) };
}

interface Pair {
  readonly mentor: BuiltMember;
  readonly mentee: BuiltMember;
  readonly mentorshipId: number;
}

async function makePair(): Promise<Pair> {
  const mentor = await makeMember(database.db, community, { platformUserId: discord.nextId() });
  const mentee = await makeMember(database.db, community, { platformUserId: discord.nextId() });
  const { id } = await makeMentorship(database.db, community, { mentor, mentee });
  return { mentor, mentee, mentorshipId: id };
}

function createItem(pair: Pair, overrides: Partial<SpaceCreatePayload> = {}): OutboxItem {
  const payload: SpaceCreatePayload = {
    mentorshipId: pair.mentorshipId, mentorMemberId: pair.mentor.id, menteeMemberId: pair.mentee.id,
    name: `mentorship-${pair.mentorshipId}`, parentChannelId: channel.id, agreement: pairMessage('You agreed to meet every two weeks.', 'Agreement'), ...overrides,
  };
  return item('space.create', payload, `mentorship:${pair.mentorshipId}:space`);
}

const threadCreations = () => discord.requestsTo('POST', new RegExp(`^/channels/${channel.id}/threads$`));

/** A pair with its thread already created through the delivery. */
async function pairWithThread(): Promise<Pair & { threadId: string }> {
  const pair = await makePair();
  expect(await delivery().deliver(createItem(pair))).toEqual({ status: 'sent' });
  return { ...pair, threadId: (await findMentorshipSpace(database.db, pair.mentorshipId))!.spaceId };
}

describe('Discord outbox delivery (space.create)', () => {
  it('creates a private thread with both members, stores its id and posts the agreement; a redelivery creates no second thread', async () => {
    const pair = await makePair();
    const before = threadCreations().length;
    const first = createItem(pair);
    expect(await delivery().deliver(first)).toEqual({ status: 'sent' });

    const created = threadCreations().slice(before);
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toEqual({ name: `mentorship-${pair.mentorshipId}`, type: 12, invitable: false, auto_archive_duration: 10080 });
    const space = await findMentorshipSpace(database.db, pair.mentorshipId);
    const thread = discord.channels.get(space!.spaceId);
    expect(thread).toMatchObject({ type: 12, parentId: channel.id, invitable: false });

    const added = discord.requestsTo('PUT', new RegExp(`^/channels/${thread!.id}/thread-members/\\d+$`)).map((request) => request.path.split('/').at(-1));
    expect(new Set(added)).toEqual(new Set([pair.mentor.platformUserId, pair.mentee.platformUserId]));
    const posted = discord.requestsTo('POST', new RegExp(`^/channels/${thread!.id}/messages$`));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatchObject({ nonce: messageNonce(first.dedupeKey), enforce_nonce: true, embeds: [{ title: 'Agreement', description: 'You agreed to meet every two weeks.' }] });

    // The same item again (say the worker died before recording 'sent'): same thread, same nonce.
    expect(await delivery().deliver({ ...first, attempts: 1 })).toEqual({ status: 'sent' });
    expect(threadCreations().slice(before)).toHaveLength(1);
    expect((await findMentorshipSpace(database.db, pair.mentorshipId))?.spaceId).toBe(thread!.id);
    const reposted = discord.requestsTo('POST', new RegExp(`^/channels/${thread!.id}/messages$`));
    expect(reposted.at(-1)?.body?.nonce).toBe(messageNonce(first.dedupeKey));
  });

  it('asks to retry after Discord\'s retry-after when thread creation is rate limited, storing nothing', async () => {
    const pair = await makePair();
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/threads$/ }, failures.rateLimited(1.5));
    const result = await delivery().deliver(createItem(pair));
    expect(result).toMatchObject({ status: 'retry', retryAfterMs: expect.any(Number) });
    expect((result as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(1500);
    expect(await findMentorshipSpace(database.db, pair.mentorshipId)).toBeNull();
  });

  it('asks to retry on a server error', async () => {
    const pair = await makePair();
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/threads$/ }, failures.serverError());
    expect(await delivery().deliver(createItem(pair))).toMatchObject({ status: 'retry' });
    expect(await findMentorshipSpace(database.db, pair.mentorshipId)).toBeNull();
  });

  it('fails for good when the mentorship channel was deleted (10003) or the bot lost access to it (50001)', async () => {
    const pair = await makePair();
    const gone = discord.nextId();
    expect(await delivery().deliver(createItem(pair, { parentChannelId: gone }))).toMatchObject({ status: 'failed', error: expect.stringContaining('10003') });
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/threads$/ }, failures.missingAccess());
    expect(await delivery().deliver(createItem(pair))).toMatchObject({ status: 'failed', error: expect.stringContaining('50001') });
    expect(await findMentorshipSpace(database.db, pair.mentorshipId)).toBeNull();
  });

  it('fails for good, naming the fix, when the community has no mentorship channel', async () => {
    const pair = await makePair();
    const before = discord.requests.length;
    expect(await delivery().deliver(createItem(pair, { parentChannelId: null }))).toEqual({ status: 'failed', error: 'no mentorship channel: an owner must run /mentor setup' });
    expect(discord.requests.length).toBe(before);
  });

  it('fails for good for an erased member or a malformed payload', async () => {
    const pair = await makePair();
    await database.db.updateTable('members').set({ erased_at: new Date() }).where('id', '=', pair.mentee.id).execute();
    expect(await delivery().deliver(createItem(pair))).toMatchObject({ status: 'failed', error: expect.stringContaining('cannot be reached') });
    expect(await delivery().deliver(item('space.create', { mentorshipId: pair.mentorshipId }))).toMatchObject({ status: 'failed', error: expect.stringContaining('malformed') });
  });
});

describe('Discord outbox delivery (space.post, space.archive, space.reopen)', () => {
  it('posts a message for the pair in their thread', async () => {
    const pair = await pairWithThread();
    const post = item('space.post', { mentorshipId: pair.mentorshipId, message: pairMessage('A session was booked.') });
    expect(await delivery().deliver(post)).toEqual({ status: 'sent' });
    const sent = discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`)).at(-1);
    expect(sent?.body).toMatchObject({ nonce: messageNonce(post.dedupeKey), embeds: [{ description: 'A session was booked.' }] });
  });

  it('waits (retry) while the thread is not created yet', async () => {
    const pair = await makePair();
    for (const kind of ['space.archive', 'space.reopen']) expect(await delivery().deliver(item(kind, { mentorshipId: pair.mentorshipId }))).toMatchObject({ status: 'retry' });
    expect(await delivery().deliver(item('space.post', { mentorshipId: pair.mentorshipId, message: pairMessage('Hello') }))).toMatchObject({ status: 'retry' });
  });

  it('archives and locks the thread, then reopens it', async () => {
    const pair = await pairWithThread();
    expect(await delivery().deliver(item('space.archive', { mentorshipId: pair.mentorshipId }))).toEqual({ status: 'sent' });
    expect(discord.requestsTo('PATCH', new RegExp(`^/channels/${pair.threadId}$`)).at(-1)?.body).toEqual({ archived: true, locked: true });
    expect(discord.channels.get(pair.threadId)).toMatchObject({ archived: true, locked: true });

    expect(await delivery().deliver(item('space.reopen', { mentorshipId: pair.mentorshipId }))).toEqual({ status: 'sent' });
    expect(discord.requestsTo('PATCH', new RegExp(`^/channels/${pair.threadId}$`)).at(-1)?.body).toEqual({ archived: false, locked: false });
    expect(discord.channels.get(pair.threadId)).toMatchObject({ archived: false, locked: false });
  });

  it('fails for good when the thread was deleted', async () => {
    const pair = await pairWithThread();
    discord.deleteChannel(pair.threadId);
    expect(await delivery().deliver(item('space.archive', { mentorshipId: pair.mentorshipId }))).toMatchObject({ status: 'failed', error: expect.stringContaining('10003') });
  });
});

describe('Discord outbox delivery (dm to someone with closed DMs)', () => {
  function dm(recipient: BuiltMember, extra: Record<string, unknown> = { timely: true }): OutboxItem {
    return item('dm', { recipientMemberId: recipient.id, message: { kind: 'message', visibility: 'private', title: 'Reminder', body: ['Your session starts in an hour.'] }, ...extra });
  }

  it('posts a reminder in the pair thread, mentioning them, when DMs are closed and they have a running mentorship with a thread', async () => {
    const pair = await pairWithThread();
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.dmsClosed());
    const reminder = dm(pair.mentee);
    expect(await delivery().deliver(reminder)).toEqual({ status: 'sent' });
    const sent = discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`)).at(-1);
    expect(sent?.body).toMatchObject({
      content: `<@${pair.mentee.platformUserId}>`, allowed_mentions: { parse: ['users'] }, nonce: messageNonce(reminder.dedupeKey),
      embeds: [{ title: 'Reminder', description: 'Your session starts in an hour.' }],
    });
  });

  it('never moves a private notice into the pair thread, where the other member would read it', async () => {
    const pair = await pairWithThread();
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.dmsClosed());
    const before = discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`)).length;
    const warning = item('dm', { recipientMemberId: pair.mentee.id, message: { kind: 'message', visibility: 'private', title: 'A word from the admins', body: ['Please keep to the code of conduct.'] } });
    expect(await delivery().deliver(warning)).toMatchObject({ status: 'failed', error: expect.stringContaining('50007') });
    expect(discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`))).toHaveLength(before);
  });

  it('falls back only to the thread of the mentorship a timely notice names: never another pair\'s, and none once it ended', async () => {
    const pair = await pairWithThread();
    const ended = await makeMentorship(database.db, community, { mentor: await makeMember(database.db, community), mentee: pair.mentee, status: 'COMPLETED' });
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.dmsClosed());
    const before = discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`)).length;
    expect(await delivery().deliver(dm(pair.mentee, { timely: true, mentorshipId: ended.id }))).toMatchObject({ status: 'failed', error: expect.stringContaining('50007') });
    expect(discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`))).toHaveLength(before);

    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.dmsClosed());
    expect(await delivery().deliver(dm(pair.mentee, { timely: true, mentorshipId: pair.mentorshipId }))).toEqual({ status: 'sent' });
    expect(discord.requestsTo('POST', new RegExp(`^/channels/${pair.threadId}/messages$`))).toHaveLength(before + 1);
  });

  it('still fails for good when DMs are closed and there is no thread to fall back to', async () => {
    const loner = await makeMember(database.db, community, { platformUserId: discord.nextId() });
    const pair = await pairWithThread();
    await database.db.updateTable('mentorships').set({ status: 'COMPLETED' }).where('id', '=', pair.mentorshipId).execute();
    for (const recipient of [loner, pair.mentor]) {
      discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.dmsClosed());
      expect(await delivery().deliver(dm(recipient))).toMatchObject({ status: 'failed', error: expect.stringContaining('50007') });
    }
  });
});
