import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceActivityRecorder } from '../../bot/space-activity.js';
import { acceptRequest } from '../../core/mentorships/accept-request.js';
import { cancelMentorship } from '../../core/mentorships/cancel-mentorship.js';
import { findMentorshipSpace, spaceCreateKey } from '../../core/mentorships/mentorship-space.js';
import { reactivateMentorship } from '../../core/mentorships/reactivate-mentorship.js';
import { createOutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { enqueue } from '../../core/outbox/enqueue.js';
import { systemClock, type Clock } from '../../core/ports/clock.js';
import type { Message } from '../../core/reply.js';
import { actorFor, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { visibleText } from '../../test/fake-slack/blocks.js';
import { recordingLog, startSlackWorld, type SlackWorld } from '../../test/fake-slack/world.js';
import { groupDmNotes } from './space-delivery.js';

/**
 * A community whose pairs meet in group DMs (`slack.pairSpace: 'group-dm'`):
 * the real transitions queue the outbox rows, the real dispatcher delivers
 * them through the Slack adapter to the fake Slack, and `message.mpim` events
 * come back through the real receiver into the real activity recorder.
 */
const database = useTestDatabase();
const deps = () => ({ db: database.db, clock: systemClock });
let world: SlackWorld;
let community: BuiltCommunity;
let owner: BuiltMember;

beforeAll(async () => {
  world = await startSlackWorld({ db: database.db, recordSpaceActivity: spaceActivityRecorder(deps(), recordingLog()) });
  const row = await database.db.selectFrom('communities').select(['id', 'platform', 'external_id', 'timezone']).where('external_id', '=', world.team.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: row.platform, externalId: row.external_id, timezone: row.timezone };
  await database.db.updateTable('communities').set({ settings: JSON.stringify({ slack: { pairSpace: 'group-dm' } }) }).where('id', '=', community.id).execute();
  const ownerRow = await database.db.selectFrom('members').select(['id', 'platform_user_id', 'display_name']).where('community_id', '=', community.id).executeTakeFirstOrThrow();
  owner = { id: ownerRow.id, communityId: community.id, platformUserId: ownerRow.platform_user_id, displayName: ownerRow.display_name, role: 'OWNER', status: 'ACTIVE' };
});
afterAll(async () => {
  await world?.stop();
});

/** Delivers everything due, as the running bot's dispatcher would. */
async function deliverOutbox(clock: Clock = systemClock): Promise<void> {
  const dispatcher = createOutboxDispatcher({ db: database.db, clock, deliveries: [world.adapter.delivery], workerId: 'test', rateLimits: { slack: null } });
  for (let round = 0; round < 5; round++) if ((await dispatcher.runOnce()).claimed === 0) break;
  const stuck = await database.db.selectFrom('outbox').select(['kind', 'status', 'last_error']).where('community_id', '=', community.id).where('status', '!=', 'SENT').execute();
  expect(stuck).toEqual([]);
}

async function pairMessage(user: BuiltMember, channel: string, ts: string) {
  await world.event({ type: 'message', channel, channel_type: 'mpim', user: user.platformUserId, text: 'words only the pair reads', ts, event_ts: ts });
}

const counts = async (id: number) => database.db.selectFrom('mentorships').select(['message_count', 'status']).where('id', '=', id).executeTakeFirstOrThrow();

describe('pairs in a group DM', () => {
  it('opens a group DM for an accepted request, counts its messages, posts a note instead of archiving, and counts again when reopened', async () => {
    const mentor = await makeMember(database.db, community, { platformUserId: world.person('grace').id });
    const mentee = await makeMember(database.db, community, { platformUserId: world.person('alan').id });
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    expect((await acceptRequest(deps(), actorFor(mentor), { mentorshipId: id })).ok).toBe(true);
    await deliverOutbox();

    const space = (await findMentorshipSpace(database.db, id))!.spaceId;
    const conversation = world.slack.conversations.get(space);
    expect(conversation?.kind).toBe('mpim');
    expect(conversation?.members).toEqual([mentor.platformUserId, mentee.platformUserId, world.team.botUserId].sort());
    expect(world.slack.callsTo('conversations.create')).toEqual([]);
    const posts = () => world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === space);
    expect(posts()).toHaveLength(1);

    await pairMessage(mentee, space, '1767225600.000100');
    await pairMessage(mentor, space, '1767225601.000100');
    // Slack's retry of an event it got no 200 for in time counts once.
    const retried = { type: 'message', channel: space, channel_type: 'mpim', user: mentor.platformUserId, text: 'again', ts: '1767225602.000100', event_ts: '1767225602.000100' };
    await world.event(retried, { eventId: 'Ev-mpim-1' });
    await world.event(retried, { eventId: 'Ev-mpim-1', retryNum: 1 });
    expect(await counts(id)).toEqual({ message_count: 3, status: 'ACCEPTED' });

    expect((await cancelMentorship(deps(), actorFor(mentee), { mentorshipId: id, reason: 'We reached the goal early.' })).ok).toBe(true);
    await deliverOutbox();
    expect(conversation?.archived).toBe(false);
    expect(visibleText(posts().at(-1)?.args.blocks)).toBe(groupDmNotes.closed.body[0]);
    await pairMessage(mentee, space, '1767225700.000100');
    expect(await counts(id)).toEqual({ message_count: 3, status: 'CANCELLED' });

    expect((await reactivateMentorship(deps(), actorFor(owner), { mentorshipId: id, endDate: '2099-06-30' })).ok).toBe(true);
    await deliverOutbox();
    expect(posts().map((call) => visibleText(call.args.blocks))).toContain(groupDmNotes.reopened.body[0]);
    expect(world.slack.callsTo('conversations.invite').filter((call) => call.args.channel === space)).toEqual([]);
    await pairMessage(mentor, space, '1767225800.000100');
    expect(await counts(id)).toEqual({ message_count: 4, status: 'ACCEPTED' });
    expect(JSON.stringify(await database.db.selectFrom('mentorships').selectAll().where('id', '=', id).executeTakeFirst())).not.toContain('words only the pair reads');
  });

  it('gives a pair\'s new mentorship the group DM of their ended one', async () => {
    const mentor = await makeMember(database.db, community, { platformUserId: world.person('barbara').id });
    const mentee = await makeMember(database.db, community, { platformUserId: world.person('edsger').id });
    const first = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    await acceptRequest(deps(), actorFor(mentor), { mentorshipId: first.id });
    await deliverOutbox();
    const space = (await findMentorshipSpace(database.db, first.id))!.spaceId;
    await cancelMentorship(deps(), actorFor(mentor), { mentorshipId: first.id, reason: 'Switching topics, new request coming.' });
    await deliverOutbox();

    const second = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    await acceptRequest(deps(), actorFor(mentor), { mentorshipId: second.id });
    await deliverOutbox();
    expect(await findMentorshipSpace(database.db, second.id)).toEqual({ communityId: community.id, spaceId: space });
    expect(await findMentorshipSpace(database.db, first.id)).toBeNull();
    await pairMessage(mentee, space, '1767225900.000100');
    expect((await counts(second.id)).message_count).toBe(1);
  });

  it('gives the group DM back to a mentorship an admin reactivates after the pair\'s later one took it over', async () => {
    const mentor = await makeMember(database.db, community, { platformUserId: world.person('frances').id });
    const mentee = await makeMember(database.db, community, { platformUserId: world.person('john').id });
    const first = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    await acceptRequest(deps(), actorFor(mentor), { mentorshipId: first.id });
    await deliverOutbox();
    const space = (await findMentorshipSpace(database.db, first.id))!.spaceId;
    await cancelMentorship(deps(), actorFor(mentor), { mentorshipId: first.id, reason: 'Trying a different topic first.' });
    await deliverOutbox();
    const second = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    await acceptRequest(deps(), actorFor(mentor), { mentorshipId: second.id });
    await deliverOutbox();
    expect(await findMentorshipSpace(database.db, first.id)).toBeNull();
    await cancelMentorship(deps(), actorFor(mentee), { mentorshipId: second.id, reason: 'Back to the first topic after all.' });
    await deliverOutbox();

    expect((await reactivateMentorship(deps(), actorFor(owner), { mentorshipId: first.id, endDate: '2099-06-30' })).ok).toBe(true);
    // Every row goes out at once (deliverOutbox fails on any row left waiting).
    await deliverOutbox();
    expect(await findMentorshipSpace(database.db, first.id)).toEqual({ communityId: community.id, spaceId: space });
    expect(await findMentorshipSpace(database.db, second.id)).toBeNull();
    const reactivationPosts = world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === space).slice(-2).map((call) => visibleText(call.args.blocks));
    expect(reactivationPosts[0]).toBe(groupDmNotes.reopened.body[0]);
    expect(reactivationPosts[1]).toContain('An admin reactivated this mentorship');
    expect(world.slack.callsTo('conversations.create')).toEqual([]);
    await pairMessage(mentor, space, '1767226000.000100');
    expect((await counts(first.id)).message_count).toBe(1);
  });

  it('waits for a space still being created, and opens nothing meanwhile', async () => {
    const mentor = await makeMember(database.db, community, { platformUserId: world.person('hedy').id });
    const mentee = await makeMember(database.db, community, { platformUserId: world.person('claude').id });
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'ACCEPTED' });
    const agreement: Message = { kind: 'message', visibility: 'pair', body: ['Hedy mentors Claude.'] };
    const note: Message = { kind: 'message', visibility: 'pair', body: ['A goal was added.'] };
    await enqueue(database.db, {
      communityId: community.id, kind: 'space.create', dedupeKey: spaceCreateKey(id), dueAt: new Date(Date.now() + 10 * 60_000),
      payload: { mentorshipId: id, mentorMemberId: mentor.id, menteeMemberId: mentee.id, name: 'mentorship-hedy-claude', parentChannelId: null, agreement },
    });
    await enqueue(database.db, { communityId: community.id, kind: 'space.post', dedupeKey: `group-dm-test:${id}:post`, payload: { mentorshipId: id, message: note } });
    const opens = () => world.slack.callsTo('conversations.open').filter((call) => String(call.args.users).includes(mentee.platformUserId));

    const dispatcher = createOutboxDispatcher({ db: database.db, clock: systemClock, deliveries: [world.adapter.delivery], workerId: 'test', rateLimits: { slack: null } });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await database.db.selectFrom('outbox').select(['status', 'last_error']).where('dedupe_key', '=', `group-dm-test:${id}:post`).executeTakeFirstOrThrow();
    expect(waiting).toEqual({ status: 'PENDING', last_error: expect.stringContaining('still queued') });
    expect(opens()).toEqual([]);

    // The create comes up first (it was queued first), opens the group DM, and the post follows it there.
    await database.db.updateTable('outbox').set({ due_at: new Date(Date.now() - 1_000) }).where('dedupe_key', '=', spaceCreateKey(id)).execute();
    await deliverOutbox({ now: () => new Date(Date.now() + 60 * 60_000) });
    const space = (await findMentorshipSpace(database.db, id))!.spaceId;
    expect(opens()).toHaveLength(1);
    expect(world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === space).map((call) => visibleText(call.args.blocks))).toEqual(['Hedy mentors Claude.', 'A goal was added.']);
  });

  it('leaves a mentorship that is over and lost its group DM alone: nothing to archive, and a post fails at once', async () => {
    const mentor = await makeMember(database.db, community, { platformUserId: world.person('katherine').id });
    const mentee = await makeMember(database.db, community, { platformUserId: world.person('dorothy').id });
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'CANCELLED' });
    const keys = [`group-dm-test:${id}:closing`, `group-dm-test:${id}:archive`];
    await enqueue(database.db, { communityId: community.id, kind: 'space.post', dedupeKey: keys[0]!, payload: { mentorshipId: id, message: { kind: 'message', visibility: 'pair', body: ['This mentorship has ended.'] } } });
    await enqueue(database.db, { communityId: community.id, kind: 'space.archive', dedupeKey: keys[1]!, payload: { mentorshipId: id } });
    const callsBefore = world.slack.calls.length;

    const dispatcher = createOutboxDispatcher({ db: database.db, clock: systemClock, deliveries: [world.adapter.delivery], workerId: 'test', rateLimits: { slack: null } });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 2, sent: 1, dead: 1, retried: 0 });
    const rows = await database.db.selectFrom('outbox').select(['kind', 'status', 'last_error']).where('dedupe_key', 'in', keys).orderBy('id').execute();
    expect(rows).toEqual([
      { kind: 'space.post', status: 'DEAD', last_error: expect.stringContaining(`mentorship ${id} is over and has no space to post in`) },
      { kind: 'space.archive', status: 'SENT', last_error: null },
    ]);
    expect(world.slack.calls.slice(callsBefore)).toEqual([]);
    // Dead on purpose: the other tests' deliverOutbox checks that nothing of the community is left undelivered.
    await database.db.deleteFrom('outbox').where('dedupe_key', 'in', keys).execute();
  });
});
