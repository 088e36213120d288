import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMentorshipSpace, spaceCreateKey } from '../../core/mentorships/mentorship-space.js';
import type { OutboxItem } from '../../core/ports/delivery.js';
import { privateMessage } from '../../core/reply.js';
import { makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { visibleText } from '../../test/fake-slack/blocks.js';
import { FakeSlack, slackFailures, type FakeTeam } from '../../test/fake-slack/fake-slack.js';
import { createSlackDelivery } from './dm-delivery.js';
import { channelName, groupDmNotes } from './space-delivery.js';

const database = useTestDatabase();
let slack: FakeSlack;
let team: FakeTeam;
let botToken: string;
let community: BuiltCommunity;
let mentor: BuiltMember;
let mentee: BuiltMember;
let sequence = 0;
const revoked: string[] = [];

beforeAll(async () => {
  slack = await FakeSlack.start();
  ({ team, botToken } = slack.addTeam({ name: 'Space test' }));
  community = await makeCommunity(database.db, { platform: 'slack', externalId: team.id });
  mentor = await makeMember(database.db, community, { platformUserId: slack.addUser(team, 'grace').id });
  mentee = await makeMember(database.db, community, { platformUserId: slack.addUser(team, 'alan').id });
});
afterAll(async () => {
  await slack?.close();
});

function delivery() {
  return createSlackDelivery({
    db: database.db,
    botTokenFor: async (teamId) => (teamId === team.id ? botToken : null),
    onRevoked: async (teamId) => void revoked.push(teamId),
    apiUrl: slack.apiUrl,
  });
}

function item(kind: string, payload: Record<string, unknown>): OutboxItem {
  sequence++;
  return {
    id: sequence, communityId: community.id, platform: 'slack', kind,
    // As the dispatcher hands it over: read back from JSON.
    payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
    dedupeKey: `test:${kind}:${sequence}`, attempts: 0,
  };
}

function createItem(mentorshipId: number, name = 'grace-alan'): OutboxItem {
  return item('space.create', {
    mentorshipId, mentorMemberId: mentor.id, menteeMemberId: mentee.id, name, parentChannelId: null,
    agreement: privateMessage(['Grace mentors Alan: Postgres schemas, until 2026-06-30.'], { title: 'Your mentorship' }),
  });
}

const postItem = (mentorshipId: number, text: string) => item('space.post', { mentorshipId, message: privateMessage([text]) });

/** A mentorship of `mentor` with a new mentee (one open mentorship per pair), who becomes `mentee`. */
async function newMentorship(): Promise<number> {
  mentee = await makeMember(database.db, community, { platformUserId: slack.addUser(team, `mentee${sequence}`).id });
  return (await makeMentorship(database.db, community, { mentor, mentee })).id;
}

describe('channel names', () => {
  it('keeps [a-z0-9-_], adds the mentorship id, and fits 80 characters', () => {
    expect(channelName('Grace & Alan — Ünïcode.Names', 42)).toBe('grace-alan-unicode-names-m42');
    expect(channelName('grace-alan', 42, 2)).toBe('grace-alan-m42-2');
    const long = channelName('x'.repeat(200), 123456);
    expect(long).toHaveLength(80);
    expect(long.endsWith('-m123456')).toBe(true);
    expect(channelName('!!!', 7)).toBe('mentorship-m7');
  });
});

describe('Slack outbox delivery (space kinds)', () => {
  it('space.create makes a private channel, invites both, stores it and posts the agreement', async () => {
    const id = await newMentorship();
    expect(await delivery().deliver(createItem(id))).toEqual({ status: 'sent' });
    const created = slack.callsTo('conversations.create').at(-1);
    expect(created?.args).toMatchObject({ name: `grace-alan-m${id}`, is_private: 'true' });
    expect(created?.token).toBe(botToken);
    const channel = (created?.answer.body.channel as { id: string }).id;
    expect(await findMentorshipSpace(database.db, id)).toEqual({ communityId: community.id, spaceId: channel });
    expect(slack.conversations.get(channel)).toMatchObject({ kind: 'private', archived: false });
    expect(slack.conversations.get(channel)?.members).toEqual(expect.arrayContaining([mentor.platformUserId, mentee.platformUserId]));
    const posted = slack.callsTo('chat.postMessage').at(-1);
    expect(posted?.args.channel).toBe(channel);
    expect(visibleText(posted?.args.blocks)).toContain('Grace mentors Alan');
  });

  it('a retried space.create creates nothing new and posts into the stored channel', async () => {
    const id = await newMentorship();
    await delivery().deliver(createItem(id));
    const channel = (await findMentorshipSpace(database.db, id))!.spaceId;
    const creates = slack.callsTo('conversations.create').length;
    const channels = slack.conversations.size;
    expect(await delivery().deliver(createItem(id))).toEqual({ status: 'sent' });
    expect(slack.callsTo('conversations.create').length).toBe(creates);
    expect(slack.conversations.size).toBe(channels);
    expect(slack.conversations.get(channel)?.members.filter((user) => user === mentee.platformUserId)).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').at(-1)?.args.channel).toBe(channel);
  });

  it('takes another name when Slack answers name_taken', async () => {
    const id = await newMentorship();
    slack.fail('conversations.create', slackFailures.error('name_taken'));
    expect(await delivery().deliver(createItem(id, 'taken'))).toEqual({ status: 'sent' });
    expect(slack.callsTo('conversations.create').at(-1)?.args.name).toBe(`taken-m${id}-2`);
    expect(await findMentorshipSpace(database.db, id)).not.toBeNull();
  });

  it('space.post posts into the stored channel, and waits while there is none and its create is queued', async () => {
    const id = await newMentorship();
    const create = createItem(id);
    await database.db.insertInto('outbox').values({ community_id: community.id, kind: 'space.create', payload: JSON.stringify(create.payload), dedupe_key: spaceCreateKey(id) }).execute();
    const calls = slack.calls.length;
    expect(await delivery().deliver(postItem(id, 'Too early'))).toMatchObject({ status: 'retry' });
    expect(slack.calls.length).toBe(calls);
    await delivery().deliver(create);
    expect(await delivery().deliver(postItem(id, 'Session on Tuesday'))).toEqual({ status: 'sent' });
    const posted = slack.callsTo('chat.postMessage').at(-1);
    expect(posted?.args.channel).toBe((await findMentorshipSpace(database.db, id))!.spaceId);
    expect(visibleText(posted?.args.blocks)).toContain('Session on Tuesday');
  });

  it('space.archive archives the channel; space.reopen unarchives it and keeps both members in', async () => {
    const id = await newMentorship();
    await delivery().deliver(createItem(id));
    const channel = (await findMentorshipSpace(database.db, id))!.spaceId;
    expect(await delivery().deliver(item('space.archive', { mentorshipId: id }))).toEqual({ status: 'sent' });
    expect(slack.conversations.get(channel)?.archived).toBe(true);
    expect(await delivery().deliver(item('space.archive', { mentorshipId: id }))).toEqual({ status: 'sent' });

    // Slack dropped a member while archived: reopening invites them again.
    const stored = slack.conversations.get(channel)!;
    stored.members.splice(stored.members.indexOf(mentee.platformUserId), 1);
    expect(await delivery().deliver(item('space.reopen', { mentorshipId: id }))).toEqual({ status: 'sent' });
    expect(slack.callsTo('conversations.unarchive').at(-1)?.args.channel).toBe(channel);
    expect(stored.archived).toBe(false);
    expect(stored.members).toEqual(expect.arrayContaining([mentor.platformUserId, mentee.platformUserId]));
    expect(await delivery().deliver(item('space.reopen', { mentorshipId: id }))).toEqual({ status: 'sent' });
  });

  it('with the group-DM setting: opens one group DM however often it is retried, and reads its kind from Slack after the setting changed back', async () => {
    const setPairSpace = (pairSpace: string) => database.db.updateTable('communities').set({ settings: JSON.stringify({ slack: { pairSpace } }) }).where('id', '=', community.id).execute();
    await setPairSpace('group-dm');
    try {
      const id = await newMentorship();
      const creates = slack.callsTo('conversations.create').length;
      expect(await delivery().deliver(createItem(id))).toEqual({ status: 'sent' });
      expect(await delivery().deliver(createItem(id))).toEqual({ status: 'sent' });
      expect(slack.callsTo('conversations.create').length).toBe(creates);
      const opened = slack.callsTo('conversations.open').at(-1);
      expect(opened?.args.users).toBe(`${mentor.platformUserId},${mentee.platformUserId}`);
      const space = (await findMentorshipSpace(database.db, id))!.spaceId;
      expect(space).toBe((opened?.answer.body.channel as { id: string }).id);
      expect(slack.callsTo('chat.postMessage').slice(-2).map((call) => [call.args.channel, visibleText(call.args.blocks)])).toEqual([
        [space, expect.stringContaining('Grace mentors Alan')], [space, expect.stringContaining('Grace mentors Alan')],
      ]);

      await setPairSpace('private-channel');
      expect(await delivery().deliver(item('space.archive', { mentorshipId: id }))).toEqual({ status: 'sent' });
      expect(slack.conversations.get(space)?.archived).toBe(false);
      expect(visibleText(slack.callsTo('chat.postMessage').at(-1)?.args.blocks)).toBe(groupDmNotes.closed.body[0]);
      expect(await delivery().deliver(item('space.reopen', { mentorshipId: id }))).toEqual({ status: 'sent' });
      expect(visibleText(slack.callsTo('chat.postMessage').at(-1)?.args.blocks)).toBe(groupDmNotes.reopened.body[0]);
    } finally {
      await setPairSpace('private-channel');
    }
  });

  it('asks to retry after Retry-After when rate limited, and on a Slack outage', async () => {
    const id = await newMentorship();
    slack.fail('conversations.create', slackFailures.rateLimited(9));
    expect(await delivery().deliver(createItem(id))).toMatchObject({ status: 'retry', retryAfterMs: 9000 });
    expect(await findMentorshipSpace(database.db, id)).toBeNull();
    slack.fail('conversations.create', slackFailures.serverError());
    expect(await delivery().deliver(createItem(id))).toMatchObject({ status: 'retry' });
    expect(await delivery().deliver(createItem(id))).toEqual({ status: 'sent' });
  });

  it('fails for good when the channel is gone, the bot was removed, a scope is missing or the action is restricted', async () => {
    const id = await newMentorship();
    await delivery().deliver(createItem(id));
    slack.fail('chat.postMessage', slackFailures.error('channel_not_found'));
    expect(await delivery().deliver(postItem(id, 'Hello'))).toEqual({ status: 'failed', error: 'channel_not_found' });
    slack.fail('chat.postMessage', slackFailures.error('not_in_channel'));
    expect(await delivery().deliver(postItem(id, 'Hello'))).toEqual({ status: 'failed', error: 'not_in_channel' });
    slack.fail('conversations.archive', slackFailures.error('missing_scope'));
    expect(await delivery().deliver(item('space.archive', { mentorshipId: id }))).toEqual({ status: 'failed', error: 'missing_scope' });
    const other = await newMentorship();
    slack.fail('conversations.create', slackFailures.error('restricted_action'));
    expect(await delivery().deliver(createItem(other))).toEqual({ status: 'failed', error: 'restricted_action' });
    expect(revoked).toEqual([]);
  });

  it('reports the workspace when the token was revoked', async () => {
    const id = await newMentorship();
    slack.fail('conversations.create', slackFailures.error('token_revoked'));
    expect(await delivery().deliver(createItem(id))).toEqual({ status: 'failed', error: 'token_revoked' });
    expect(revoked).toEqual([team.id]);
    revoked.length = 0;
  });

  it('fails without calling Slack for a malformed payload or an erased member', async () => {
    const calls = slack.calls.length;
    expect(await delivery().deliver(item('space.post', { mentorshipId: 'x' }))).toMatchObject({ status: 'failed', error: expect.stringContaining('malformed') });
    const erased = await makeMember(database.db, community);
    await database.db.updateTable('members').set({ erased_at: new Date() }).where('id', '=', erased.id).execute();
    const id = (await makeMentorship(database.db, community, { mentor, mentee: erased })).id;
    const erasedItem = item('space.create', { ...createItem(id).payload, menteeMemberId: erased.id });
    expect(await delivery().deliver(erasedItem)).toMatchObject({ status: 'failed', error: expect.stringContaining('erased') });
    expect(slack.calls.length).toBe(calls);
  });
});
