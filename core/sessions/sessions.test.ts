import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { testCipher } from '../../test/field-cipher.js';
import { cancelSession } from './cancel-session.js';
import { confirmSession } from './confirm-session.js';
import { listSessions } from './list-sessions.js';
import { proposeSession, type ProposeSessionValues } from './propose-session.js';
import { recordAttendance } from './record-attendance.js';
import { rescheduleSession } from './reschedule-session.js';
import { saveSessionNotes, viewSession } from './session-notes.js';

describe('mentoring sessions', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock, cipher: testCipher });
  const slot: ProposeSessionValues = { date: '2026-03-10', time: '18:00', durationMinutes: '60', kind: 'CODE_REVIEW', agenda: 'Schema review; indexes, constraints', location: 'https://meet.example.org/abc' };
  const sessionRow = (id: number) =>
    database.db.selectFrom('mentoring_sessions').select(['status', 'starts_at', 'proposed_by', 'calendar_sequence', 'change_reason', 'notes_encrypted']).where('id', '=', id).executeTakeFirstOrThrow();
  const outboxFor = (id: number) => database.db.selectFrom('outbox').select(['kind', 'payload', 'dedupe_key']).where('dedupe_key', 'like', `session:${id}:%`).orderBy('id').execute();

  async function pairIn(community: BuiltCommunity): Promise<{ mentor: BuiltMember; mentee: BuiltMember; mentorshipId: number }> {
    const mentor = await makeMember(database.db, community, { displayName: 'Grace' });
    const mentee = await makeMember(database.db, community, { displayName: 'Ada' });
    const { id } = await makeMentorship(database.db, community, { mentor, mentee });
    return { mentor, mentee, mentorshipId: id };
  }

  it('runs a session from proposal through counter-proposal, confirmation, reschedule and cancellation', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const { mentor, mentee, mentorshipId } = await pairIn(community);
    const outsider = await makeMember(database.db, community, { role: 'ADMIN' });

    const proposed = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: slot }));
    expect(await sessionRow(proposed.sessionId)).toMatchObject({ status: 'PROPOSED', starts_at: new Date('2026-03-10T17:00:00Z'), proposed_by: mentee.id, calendar_sequence: 0 });
    const [invitation] = await outboxFor(proposed.sessionId);
    expect(invitation).toMatchObject({ kind: 'dm', payload: { recipientMemberId: mentor.id } });
    expect(JSON.stringify(invitation!.payload)).toContain(`mentor:session:confirm:${proposed.sessionId}`);
    expect(JSON.stringify(invitation!.payload)).toContain(`mentor:session:counter:${proposed.sessionId}`);

    // A meeting needs both: not the proposer, and nobody outside the pair (not even an admin).
    expect(expectProblem(await confirmSession(deps(), actorFor(mentee), { sessionId: proposed.sessionId })).code).toBe('forbidden');
    expect(expectProblem(await confirmSession(deps(), actorFor(outsider), { sessionId: proposed.sessionId })).code).toBe('not-found');
    expect(expectProblem(await proposeSession(deps(), actorFor(outsider), { mentorshipId, values: slot })).code).toBe('not-found');

    // The mentor proposes another time instead: the same session, a new time, now theirs to wait for.
    expectOk(await rescheduleSession(deps(), actorFor(mentor), { sessionId: proposed.sessionId, values: { date: '2026-03-11', time: '19:00' } }));
    expect(await sessionRow(proposed.sessionId)).toMatchObject({ status: 'PROPOSED', starts_at: new Date('2026-03-11T18:00:00Z'), proposed_by: mentor.id, calendar_sequence: 1 });
    expect(expectProblem(await confirmSession(deps(), actorFor(mentor), { sessionId: proposed.sessionId })).code).toBe('forbidden');

    const confirmed = expectOk(await confirmSession(deps(), actorFor(mentee), { sessionId: proposed.sessionId }));
    expect(confirmed.status).toBe('CONFIRMED');
    expect(expectProblem(await confirmSession(deps(), actorFor(mentee), { sessionId: proposed.sessionId })).code).toBe('already-done');
    const files = (await outboxFor(proposed.sessionId)).filter((entry) => entry.dedupe_key.includes(':confirmed:'));
    expect(files.map((entry) => (entry.payload as { recipientMemberId: number }).recipientMemberId).sort()).toEqual([mentor.id, mentee.id].sort());
    const attachment = (files[0]!.payload as { message: { attachments: { contentType: string; content: string }[] } }).message.attachments[0]!;
    expect(attachment.contentType).toBe('text/calendar');
    expect(attachment.content).toContain(`UID:session-${proposed.sessionId}@discord-`);
    expect(attachment.content).toContain('DTSTART:20260311T180000Z\r\n');
    expect(attachment.content).toContain('SEQUENCE:1\r\n');

    // Moving a confirmed session needs a reason; it goes back to the other side to confirm.
    const noReason = expectProblem(await rescheduleSession(deps(), actorFor(mentor), { sessionId: proposed.sessionId, values: { date: '2026-03-12', time: '19:00' } }));
    expect(noReason.fields?.map((field) => field.field)).toEqual(['reason']);
    expectOk(await rescheduleSession(deps(), actorFor(mentor), { sessionId: proposed.sessionId, values: { date: '2026-03-12', time: '19:00', reason: 'Conference trip' } }));
    expect(await sessionRow(proposed.sessionId)).toMatchObject({ status: 'PROPOSED', calendar_sequence: 2, change_reason: 'Conference trip' });
    expectOk(await confirmSession(deps(), actorFor(mentee), { sessionId: proposed.sessionId }));

    const cancelled = expectOk(await cancelSession(deps(), actorFor(mentee), { sessionId: proposed.sessionId, reason: 'Sick today' }));
    expect(cancelled.status).toBe('CANCELLED');
    expect(await sessionRow(proposed.sessionId)).toMatchObject({ status: 'CANCELLED', calendar_sequence: 3 });
    expect(cancelled.reply.attachments?.[0]?.content).toContain('METHOD:CANCEL');
    const notice = (await outboxFor(proposed.sessionId)).find((entry) => entry.dedupe_key.endsWith(`:cancelled:${mentor.id}`));
    expect(JSON.stringify(notice?.payload)).toContain('METHOD:CANCEL');
    expect(JSON.stringify(notice?.payload)).toContain('SEQUENCE:3');
    expect(expectProblem(await cancelSession(deps(), actorFor(mentee), { sessionId: proposed.sessionId, reason: 'Again' })).code).toBe('already-done');
  });

  it('refuses a session that overlaps another of either member, with a clear message', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const { mentor, mentee, mentorshipId } = await pairIn(community);
    const secondMentee = await makeMember(database.db, community);
    const second = await makeMentorship(database.db, community, { mentor, mentee: secondMentee });

    const first = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: slot }));
    // The mentor's own other relation, 30 minutes into the first session: refused, naming it as theirs.
    const own = expectProblem(await proposeSession(deps(), actorFor(mentor), { mentorshipId: second.id, values: { ...slot, time: '18:30' } }));
    expect(own.code).toBe('conflict');
    expect(own.message).toMatch(/overlaps another session of yours \(2026-03-10 17:00 UTC, 60 minutes\)/);
    // The other mentee learns only that the mentor is busy, not with whom.
    const theirs = expectProblem(await proposeSession(deps(), actorFor(secondMentee), { mentorshipId: second.id, values: { ...slot, time: '17:30' } }));
    expect(theirs).toMatchObject({ code: 'conflict', message: 'The other member already has a session at that time. Pick another time.' });
    // Back to back is fine.
    expectOk(await proposeSession(deps(), actorFor(secondMentee), { mentorshipId: second.id, values: { ...slot, time: '19:00' } }));
    // Once cancelled, the slot is free again.
    expectOk(await cancelSession(deps(), actorFor(mentor), { sessionId: first.sessionId, reason: 'Cannot make it' }));
    expectOk(await proposeSession(deps(), actorFor(secondMentee), { mentorshipId: second.id, values: { ...slot, time: '17:30' } }));
  });

  it('answers bad times with what to fix and stores nothing', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const { mentee, mentorshipId } = await pairIn(community);
    const propose = (values: Partial<ProposeSessionValues>) => proposeSession(deps(), actorFor(mentee), { mentorshipId, values: { ...slot, ...values } });
    const fieldOf = async (values: Partial<ProposeSessionValues>) => expectProblem(await propose(values)).fields?.map((field) => field.field);

    expect(await fieldOf({ date: '2026-02-30' })).toEqual(['date']);
    expect(await fieldOf({ date: '2026-02-28' })).toEqual(['date']);
    expect(await fieldOf({ date: '2026-07-01' })).toEqual(['date']);
    expect(await fieldOf({ time: '25:00' })).toEqual(['time']);
    expect(await fieldOf({ durationMinutes: '10' })).toEqual(['durationMinutes']);
    expect(await fieldOf({ durationMinutes: '300' })).toEqual(['durationMinutes']);
    expect(await fieldOf({ kind: 'LECTURE' as never })).toEqual(['kind']);
    const mismatch = expectProblem(await propose({ timezone: 'America/New_York' }));
    expect(mismatch.fields).toEqual([{ field: 'timezone', message: expect.stringContaining('Europe/Berlin') }]);
    // 02:30 never happens in Berlin on 29 March 2026: the clocks jump from 02:00 to 03:00.
    const gap = expectProblem(await propose({ date: '2026-03-29', time: '02:30' }));
    expect(gap.fields).toEqual([{ field: 'time', message: expect.stringContaining('does not exist') }]);
    expectOk(await propose({ timezone: 'Europe/Berlin', date: '2026-03-29', time: '03:30' }));
    const stored = await database.db.selectFrom('mentoring_sessions').select('starts_at').where('mentorship_id', '=', mentorshipId).execute();
    expect(stored).toEqual([{ starts_at: new Date('2026-03-29T01:30:00Z') }]);

    // A paused relation plans nothing; an ended one neither.
    await database.db.updateTable('mentorships').set({ status: 'PAUSED', paused_until: '2026-04-01' }).where('id', '=', mentorshipId).execute();
    expect(expectProblem(await propose({ date: '2026-04-10' })).code).toBe('wrong-state');
  });

  it('reads an ambiguous fall-back time as its first occurrence', async () => {
    clock.set('2026-10-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'America/New_York' });
    const { mentee, mentorshipId } = await pairIn(community);
    await database.db.updateTable('mentorships').set({ end_date: '2026-12-31' }).where('id', '=', mentorshipId).execute();
    await database.db.updateTable('members').set({ timezone: 'America/New_York' }).where('id', '=', mentee.id).execute();
    // 01:30 happens twice on 1 November 2026 in New York: first in EDT (UTC-4), then in EST (UTC-5).
    const proposed = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: { ...slot, date: '2026-11-01', time: '01:30', timezone: 'America/New_York' } }));
    expect((await sessionRow(proposed.sessionId)).starts_at).toEqual(new Date('2026-11-01T05:30:00Z'));
  });

  it('records attendance after the end, keeps notes sealed for the pair only, and lists sessions', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const { mentor, mentee, mentorshipId } = await pairIn(community);
    const outsider = await makeMember(database.db, community);
    const { sessionId } = expectOk(await proposeSession(deps(), actorFor(mentor), { mentorshipId, values: slot }));
    expectOk(await confirmSession(deps(), actorFor(mentee), { sessionId }));

    expect(expectProblem(await recordAttendance(deps(), actorFor(mentee), { sessionId, attended: true })).code).toBe('wrong-state');
    clock.set('2026-03-10T18:00:00Z');
    expect(expectOk(await recordAttendance(deps(), actorFor(mentee), { sessionId, attended: true })).status).toBe('COMPLETED');
    expect(expectProblem(await recordAttendance(deps(), actorFor(mentor), { sessionId, attended: true })).code).toBe('already-done');

    const notes = '## What we did\n- Reviewed the *schema*\n- Next: indexes';
    expectOk(await saveSessionNotes(deps(), actorFor(mentor), { sessionId, notes }));
    const stored = (await sessionRow(sessionId)).notes_encrypted;
    expect(stored).not.toContain('schema');
    expect(stored).toMatch(/^v1\./);
    expect(expectOk(await viewSession(deps(), actorFor(mentee), { sessionId })).notes).toBe(notes);
    expect(expectProblem(await viewSession(deps(), actorFor(outsider), { sessionId })).code).toBe('not-found');
    expect(expectProblem(await saveSessionNotes(deps(), actorFor(outsider), { sessionId, notes: 'Mine now' })).code).toBe('not-found');

    const listed = expectOk(await listSessions(deps(), actorFor(mentee), { mentorshipId }));
    expect(listed.upcoming).toEqual([]);
    expect(listed.past).toEqual([expect.objectContaining({ sessionId, status: 'COMPLETED', proposedByMe: false })]);
  });
});
