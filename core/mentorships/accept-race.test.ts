import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { acceptRequest } from './accept-request.js';

/**
 * Two accepts racing for the last seat: exactly one wins. On PostgreSQL the
 * two run on separate pooled connections and really overlap; the member rows
 * locked in id order make the second wait and then count the first. PGlite
 * has one connection, so there they serialize and the test passes trivially:
 * the CI run on PostgreSQL is the proof.
 */
describe('accepting races for the last seat', () => {
  const database = useTestDatabase();
  const deps = () => ({ db: database.db, clock: fixedClock('2026-03-01T12:00:00Z') });

  it.each([1, 2, 3, 4, 5])('one mentor, one seat, two mentees accepted at once (round %i)', async () => {
    const { db } = database;
    const community = await makeCommunity(db, { withDefaultSkills: false });
    const mentor = await makeMember(db, community, { skills: [] });
    await db.updateTable('members').set({ mentee_capacity: 1 }).where('id', '=', mentor.id).execute();
    const first = await makeMentorship(db, community, { mentor, mentee: await makeMember(db, community, { skills: [] }), status: 'PENDING' });
    const second = await makeMentorship(db, community, { mentor, mentee: await makeMember(db, community, { skills: [] }), status: 'PENDING' });

    const outcomes = await Promise.all([first, second].map((request) => acceptRequest(deps(), actorFor(mentor), { mentorshipId: request.id })));

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.problem.code]))).toEqual(['limit-reached']);
    const statuses = await db.selectFrom('mentorships').select('status').where('id', 'in', [first.id, second.id]).execute();
    expect(statuses.map((row) => row.status).sort()).toEqual(['ACCEPTED', 'PENDING']);
  });

  it.each([1, 2, 3])('one mentee at the limit, two mentors accepting at once (round %i)', async () => {
    const { db } = database;
    const community = await makeCommunity(db, { withDefaultSkills: false, settings: { openRelations: { perMentee: 1 } } });
    const mentee = await makeMember(db, community, { skills: [] });
    const mentors = [await makeMember(db, community, { skills: [] }), await makeMember(db, community, { skills: [] })];
    const requests = await Promise.all(mentors.map((mentor) => makeMentorship(db, community, { mentor, mentee, status: 'PENDING' })));

    const outcomes = await Promise.all(requests.map((request, index) => acceptRequest(deps(), actorFor(mentors[index]!), { mentorshipId: request.id })));

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.problem.code]))).toEqual(['limit-reached']);
  });
});
