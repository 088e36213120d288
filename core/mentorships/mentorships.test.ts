import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { systemActor } from '../access/actor.js';
import { acceptRequest } from './accept-request.js';
import { approveRequest } from './approve-request.js';
import { askForDetail } from './ask-for-detail.js';
import { cancelMentorship } from './cancel-mentorship.js';
import { completeDueMentorships } from './complete-due-mentorships.js';
import { expirePendingRequests } from './expire-pending-requests.js';
import { extendMentorship } from './extend-mentorship.js';
import { findSilentMentorships } from './find-silent-mentorships.js';
import { listMemberMentorships } from './list-member-mentorships.js';
import { attachSpace, findMentorshipSpace } from './mentorship-space.js';
import { pauseMentorship } from './pause-mentorship.js';
import { reactivateMentorship } from './reactivate-mentorship.js';
import { recordSpaceActivity } from './record-space-activity.js';
import { resumeDueMentorships } from './resume-due-mentorships.js';
import { sendRequest } from './send-request.js';
import { withdrawRequest } from './withdraw-request.js';

describe('mentorship requests and relations', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });
  const contract = { senderRole: ['MENTEE'], description: 'Prepare for backend interviews: system design and SQL', endDate: '2026-05-24' };
  const outboxOf = (id: number) => database.db.selectFrom('outbox').select(['kind', 'payload', 'dedupe_key']).where('dedupe_key', 'like', `mentorship:${id}:%`).orderBy('id').execute();
  const statusOf = async (id: number) => (await database.db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('sends a request as a contract, DMs the receiver with Accept, Reject and Ask for more detail, and starts the relation on accept', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { settings: { mentorshipChannelId: 'C-mentoring' } });
    const mentee = await makeMember(database.db, community, { displayName: 'Ada' });
    const mentor = await makeMember(database.db, community, { displayName: 'Grace' });

    const sent = expectOk(await sendRequest(deps(), actorFor(mentee), { receiverMemberId: mentor.id, values: contract }));
    const request = await database.db.selectFrom('mentorships').select(['status', 'mentor_id', 'mentee_id', 'end_date', 'expires_at']).where('id', '=', sent.mentorshipId).executeTakeFirstOrThrow();
    expect(request).toEqual({ status: 'PENDING', mentor_id: mentor.id, mentee_id: mentee.id, end_date: '2026-05-24', expires_at: new Date('2026-03-08T12:00:00Z') });
    const [invitation] = await outboxOf(sent.mentorshipId);
    expect(invitation).toMatchObject({ kind: 'dm', payload: { recipientMemberId: mentor.id } });
    expect(JSON.stringify(invitation!.payload)).toContain(`mentor:request:ask-detail:${sent.mentorshipId}`);

    expectOk(await askForDetail(deps(), actorFor(mentor), { mentorshipId: sent.mentorshipId, question: 'Which stack do you use?' }));
    expect(expectProblem(await askForDetail(deps(), actorFor(mentor), { mentorshipId: sent.mentorshipId, question: 'And again?' })).code).toBe('already-done');
    expect(await statusOf(sent.mentorshipId)).toBe('PENDING');

    // Only the receiver accepts; the sender is refused; a repeat is answered plainly.
    expect(expectProblem(await acceptRequest(deps(), actorFor(mentee), { mentorshipId: sent.mentorshipId })).code).toBe('forbidden');
    expect(expectOk(await acceptRequest(deps(), actorFor(mentor), { mentorshipId: sent.mentorshipId })).status).toBe('ACCEPTED');
    expect(expectProblem(await acceptRequest(deps(), actorFor(mentor), { mentorshipId: sent.mentorshipId }))).toEqual({ code: 'already-done', message: 'This mentorship was already accepted.' });
    const space = (await outboxOf(sent.mentorshipId)).find((entry) => entry.kind === 'space.create');
    expect(space?.dedupe_key).toBe(`mentorship:${sent.mentorshipId}:space.create`);
    expect(space?.payload).toMatchObject({ mentorshipId: sent.mentorshipId, mentorMemberId: mentor.id, menteeMemberId: mentee.id, parentChannelId: 'C-mentoring', name: `mentorship-grace-ada-${sent.mentorshipId}` });
    expect(JSON.stringify(space?.payload)).toContain('Schedule your first session');

    // The adapter stores the space it created; a second, different space is refused.
    expect(await attachSpace(database.db, sent.mentorshipId, 'thread-1')).toBe(true);
    expect(await attachSpace(database.db, sent.mentorshipId, 'thread-1')).toBe(true);
    expect(await attachSpace(database.db, sent.mentorshipId, 'thread-2')).toBe(false);
    expect(await findMentorshipSpace(database.db, sent.mentorshipId)).toEqual({ communityId: community.id, spaceId: 'thread-1' });

    const view = expectOk(await listMemberMentorships(deps(), actorFor(mentee)));
    expect(view.current).toEqual([expect.objectContaining({ mentorshipId: sent.mentorshipId, status: 'ACCEPTED', role: 'MENTEE', daysLeft: 84, goals: { done: 0, total: 0 }, nextSession: null })]);
    expect(view.current[0]!.other).toMatchObject({ memberId: mentor.id, displayName: 'Grace' });
  });

  it('refuses requests that break the contract or the invariants, naming what to fix', async () => {
    const community = await makeCommunity(database.db, { settings: { pendingOutgoingRequests: 2 } });
    const sender = await makeMember(database.db, community);
    const send = async (receiverMemberId: number, values = contract) => sendRequest(deps(), actorFor(sender), { receiverMemberId, values });
    const other = await makeMember(database.db, community);

    expect(expectProblem(await send(sender.id)).code).toBe('invalid-input');
    const vague = expectProblem(await send(other.id, { ...contract, description: 'Help me', endDate: '2027-01-01' }));
    expect(vague.fields?.map((field) => field.field).sort()).toEqual(['description', 'endDate']);
    const suspended = await makeMember(database.db, community, { status: 'SUSPENDED' });
    expect(expectProblem(await send(suspended.id)).code).toBe('wrong-state');
    const elsewhere = await makeMember(database.db, await makeCommunity(database.db));
    expect(expectProblem(await send(elsewhere.id)).code).toBe('not-found');

    expectOk(await send(other.id));
    expect(expectProblem(await send(other.id)).code).toBe('conflict');
    // The other direction is the same pair.
    expect(expectProblem(await sendRequest(deps(), actorFor(other), { receiverMemberId: sender.id, values: contract })).code).toBe('conflict');
    expectOk(await send((await makeMember(database.db, community)).id));
    expect(expectProblem(await send((await makeMember(database.db, community)).id)).code).toBe('limit-reached');

    // A suspended member cannot send either.
    expect(expectProblem(await sendRequest(deps(), actorFor(suspended), { receiverMemberId: other.id, values: contract })).code).toBe('forbidden');
  });

  it('waits for an admin when the community approves mentorships', async () => {
    const community = await makeCommunity(database.db, { settings: { requestsNeedAdminApproval: true } });
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    expect(expectOk(await acceptRequest(deps(), actorFor(mentor), { mentorshipId: id })).status).toBe('AWAITING_APPROVAL');
    expect((await outboxOf(id)).map((entry) => entry.kind)).toEqual(['dm']);
    expect(expectProblem(await approveRequest(deps(), actorFor(mentor), { mentorshipId: id })).code).toBe('forbidden');
    expect(expectOk(await approveRequest(deps(), actorFor(admin), { mentorshipId: id })).status).toBe('ACCEPTED');
    expect((await outboxOf(id)).map((entry) => entry.kind).sort()).toEqual(['dm', 'dm', 'dm', 'space.create']);
  });

  it('pauses until a date, resumes on it, extends when both agree, and completes on the end date at 23:59 local time', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db);
    await database.db.updateTable('communities').set({ timezone: 'Europe/Berlin' }).where('id', '=', community.id).execute();
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'ACCEPTED', endDate: '2026-03-20' });

    expect(expectProblem(await pauseMentorship(deps(), actorFor(mentee), { mentorshipId: id, until: '2026-03-01' })).code).toBe('invalid-input');
    expect(expectOk(await pauseMentorship(deps(), actorFor(mentee), { mentorshipId: id, until: '2026-03-05' })).status).toBe('PAUSED');
    expect(expectOk(await resumeDueMentorships(deps(), systemActor, { communityId: community.id }))).toEqual({ resumed: 0 });
    // Half past midnight in Berlin is still the day before in UTC: the community's calendar decides.
    clock.set('2026-03-05T00:30:00+01:00');
    expect(expectOk(await resumeDueMentorships(deps(), systemActor, { communityId: community.id }))).toEqual({ resumed: 1 });
    expect(await statusOf(id)).toBe('ACCEPTED');

    // One side proposes, the other agrees with the same date.
    expectOk(await extendMentorship(deps(), actorFor(mentor), { mentorshipId: id, endDate: '2026-03-31' }));
    expect(expectProblem(await extendMentorship(deps(), actorFor(mentor), { mentorshipId: id, endDate: '2026-03-31' })).code).toBe('already-done');
    expectOk(await extendMentorship(deps(), actorFor(mentee), { mentorshipId: id, endDate: '2026-03-31' }));
    expect((await database.db.selectFrom('mentorships').select(['end_date', 'extension_end_date']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ end_date: '2026-03-31', extension_end_date: null });

    // The scheduler runs it at 23:59 Berlin time (summer time by then): not on the day before the end date, then on it.
    clock.set('2026-03-30T21:59:00Z');
    expect(expectOk(await completeDueMentorships(deps(), systemActor, { communityId: community.id }))).toEqual({ completed: 0 });
    clock.set('2026-03-31T21:59:00Z');
    expect(expectOk(await completeDueMentorships(deps(), systemActor, { communityId: community.id }))).toEqual({ completed: 1 });
    expect(expectOk(await completeDueMentorships(deps(), systemActor, { communityId: community.id }))).toEqual({ completed: 0 });
    const closing = (await outboxOf(id)).filter((entry) => entry.kind === 'space.post' || entry.kind === 'space.archive').map((entry) => entry.kind);
    expect(closing.slice(-2)).toEqual(['space.post', 'space.archive']);
    // The space asking for feedback is archived at once, so each side is also thanked and asked by DM, without waiting for a digest.
    const thanks = (await outboxOf(id)).slice(-4).filter((entry) => entry.kind === 'dm');
    expect(thanks.map((entry) => entry.payload)).toEqual([mentor.id, mentee.id].map((recipientMemberId) => ({ recipientMemberId, message: expect.anything(), timely: true, mentorshipId: id })));
    for (const { payload } of thanks) {
      expect(JSON.stringify(payload)).toMatch(/complete\. Thank you/);
      expect(JSON.stringify(payload)).toContain(`mentor:feedback:final:${id}`);
    }
    expect(new Set(thanks.map((entry) => entry.dedupe_key)).size).toBe(2);
    const events = await database.db.selectFrom('mentorship_events').select(['from_status', 'to_status', 'actor_kind']).where('mentorship_id', '=', id).orderBy('id').execute();
    expect(events.map((event) => `${event.from_status}>${event.to_status}:${event.actor_kind}`)).toEqual([
      'ACCEPTED>PAUSED:MEMBER', 'PAUSED>ACCEPTED:SYSTEM', 'ACCEPTED>ACCEPTED:MEMBER', 'ACCEPTED>COMPLETED:SYSTEM',
    ]);

    // An admin brings it back with a new end date; its space reopens.
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    expect(expectProblem(await reactivateMentorship(deps(), actorFor(admin), { mentorshipId: id })).code).toBe('invalid-input');
    expect(expectOk(await reactivateMentorship(deps(), actorFor(admin), { mentorshipId: id, endDate: '2026-05-01' })).status).toBe('ACCEPTED');
    expect((await outboxOf(id)).map((entry) => entry.kind)).toContain('space.reopen');
  });

  it('expires unanswered requests, nudging the receiver once at half time', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const sent = expectOk(await sendRequest(deps(), actorFor(mentee), { receiverMemberId: mentor.id, values: contract }));
    clock.set('2026-03-05T12:00:00Z');
    expect(expectOk(await expirePendingRequests(deps(), systemActor, { communityId: community.id }))).toEqual({ expired: 0, nudged: 1 });
    expect(expectOk(await expirePendingRequests(deps(), systemActor, { communityId: community.id }))).toEqual({ expired: 0, nudged: 0 });
    clock.set('2026-03-08T12:00:00Z');
    expect(expectOk(await expirePendingRequests(deps(), systemActor, { communityId: community.id }))).toEqual({ expired: 1, nudged: 0 });
    const notices = await outboxOf(sent.mentorshipId);
    expect(notices.map((entry) => [entry.kind, (entry.payload as { recipientMemberId: number }).recipientMemberId])).toEqual([['dm', mentor.id], ['dm', mentor.id], ['dm', mentee.id]]);
    // The button names the request, so pressed in a DM it finds its community.
    expect(JSON.stringify(notices.at(-1)!.payload)).toContain(`mentor:suggestions:next:${sent.mentorshipId}`);
    // Withdrawing it now is too late, and said so.
    expect(expectProblem(await withdrawRequest(deps(), actorFor(mentee), { mentorshipId: sent.mentorshipId })).code).toBe('wrong-state');
  });

  it('keeps activity as counts and times only, and finds silent pairs', async () => {
    clock.set('2026-03-30T12:00:00Z');
    const community = await makeCommunity(database.db);
    const [mentor, mentee, other] = [await makeMember(database.db, community), await makeMember(database.db, community), await makeMember(database.db, community)];
    const talking = await makeMentorship(database.db, community, { mentor, mentee, status: 'ACCEPTED' });
    const silent = await makeMentorship(database.db, community, { mentor, mentee: other, status: 'ACCEPTED' });
    await attachSpace(database.db, talking.id, 'thread-talk');
    await attachSpace(database.db, silent.id, 'thread-silent');
    await recordSpaceActivity(deps(), systemActor, { communityId: community.id, spaceId: 'thread-talk', messages: 3, at: new Date('2026-03-29T10:00:00Z') });
    await recordSpaceActivity(deps(), systemActor, { communityId: community.id, spaceId: 'thread-talk', messages: 1, at: new Date('2026-03-20T10:00:00Z') });
    expect(expectOk(await recordSpaceActivity(deps(), systemActor, { communityId: community.id, spaceId: 'unknown', messages: 1, at: clock.now() }))).toEqual({ mentorshipId: null });
    expect(await database.db.selectFrom('mentorships').select(['message_count', 'last_activity_at']).where('id', '=', talking.id).executeTakeFirstOrThrow())
      .toEqual({ message_count: 4, last_activity_at: new Date('2026-03-29T10:00:00Z') });

    const quiet = expectOk(await findSilentMentorships(deps(), systemActor, { communityId: community.id }));
    expect(quiet.map((pair) => pair.mentorshipId)).toEqual([silent.id]);
  });

  it('ends relations through the state machine: cancel needs a reason the other side reads, and the space closes', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'ACCEPTED' });
    expect(expectProblem(await cancelMentorship(deps(), actorFor(mentee), { mentorshipId: id, reason: '' })).fields?.[0]?.field).toBe('reason');
    const stranger = await makeMember(database.db, community);
    expect(expectProblem(await cancelMentorship(deps(), actorFor(stranger), { mentorshipId: id, reason: 'Not mine' })).code).toBe('not-found');
    const ended = expectOk(await cancelMentorship(deps(), actorFor(mentee), { mentorshipId: id, reason: 'New job, no time left' }));
    const effects = await outboxOf(id);
    expect(effects.map((entry) => entry.kind)).toEqual(['dm', 'space.post', 'space.archive']);
    expect(effects[0]!.payload).toMatchObject({ recipientMemberId: mentor.id });
    expect(JSON.stringify(effects[0]!.payload)).toContain('New job, no time left');
    // The space's feedback button is archived at once: the notice and the answer carry it too.
    expect(JSON.stringify(effects[0]!.payload)).toContain(`mentor:feedback:final:${id}`);
    expect(ended.reply.actions?.map((action) => action.customId)).toEqual([`mentor:feedback:final:${id}`]);
    expect(expectProblem(await cancelMentorship(deps(), actorFor(mentor), { mentorshipId: id, reason: 'Me too' })).code).toBe('already-done');
  });
});
