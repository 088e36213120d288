import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { openCancelForm, openCounterForm, openScheduleForm } from './session-forms.js';

describe('the session forms', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('reads times on the member’s own clock, and says so', async () => {
    const community = await makeCommunity(database.db);
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    await database.db.updateTable('members').set({ timezone: 'America/Argentina/Buenos_Aires' }).where('id', '=', mentor.id).execute();
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee });
    const labels = (form: { inputs: readonly { id: string; label: string }[] }) => Object.fromEntries(form.inputs.map((input) => [input.id, input.label]));
    expect(labels(expectOk(await openScheduleForm(deps(), actorFor(mentee), { mentorshipId }))).time).toBe('Time (HH:MM, Europe/Berlin)');
    expect(labels(expectOk(await openScheduleForm(deps(), actorFor(mentor), { mentorshipId }))).time).toBe('Time (HH:MM, America/Argentina/Buenos_Aires)');

    const session = await database.db.insertInto('mentoring_sessions')
      .values({ mentorship_id: mentorshipId, proposed_by: mentee.id, status: 'CONFIRMED', kind: 'VIDEO_CALL', starts_at: '2026-03-10T17:00:00Z', duration_minutes: 45 })
      .returning('id').executeTakeFirstOrThrow();
    const values = (form: { inputs: readonly { id: string; type: string; value?: string }[] }) => Object.fromEntries(form.inputs.map((input) => [input.id, input.value]));
    expect(values(expectOk(await openCounterForm(deps(), actorFor(mentor), { sessionId: session.id })))).toEqual({ date: '2026-03-10', time: '14:00', durationMinutes: '45', reason: undefined });
    expect(values(expectOk(await openCounterForm(deps(), actorFor(mentee), { sessionId: session.id })))).toMatchObject({ date: '2026-03-10', time: '18:00' });
  });

  it('refuses before the member types: a paused mentorship, a cancelled session, someone outside the pair', async () => {
    const community = await makeCommunity(database.db);
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const outsider = await makeMember(database.db, community, { role: 'ADMIN' });
    const paused = await makeMentorship(database.db, community, { mentor, mentee, status: 'PAUSED' });
    expect(expectProblem(await openScheduleForm(deps(), actorFor(mentee), { mentorshipId: paused.id })).message).toContain('paused');
    expect(expectProblem(await openScheduleForm(deps(), actorFor(outsider), { mentorshipId: paused.id })).code).toBe('not-found');
    const session = await database.db.insertInto('mentoring_sessions')
      .values({ mentorship_id: paused.id, proposed_by: mentee.id, status: 'CANCELLED', kind: 'VIDEO_CALL', starts_at: '2026-03-10T17:00:00Z', duration_minutes: 60 })
      .returning('id').executeTakeFirstOrThrow();
    expect(expectProblem(await openCounterForm(deps(), actorFor(mentor), { sessionId: session.id })).code).toBe('wrong-state');
    expect(expectProblem(await openCancelForm(deps(), actorFor(mentor), { sessionId: session.id })).code).toBe('already-done');
    expect(expectProblem(await openCancelForm(deps(), actorFor(outsider), { sessionId: session.id })).code).toBe('not-found');
  });
});
