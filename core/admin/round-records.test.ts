import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { previewRound } from '../matching/preview-round.js';
import { runRound } from '../matching/run-round.js';
import { listRounds, viewRound } from './round-records.js';

describe('matching rounds for the admin site', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('lists the community’s rounds latest first, and shows a run round with its pairs, answers and who was left out', async () => {
    const community = await makeCommunity(database.db);
    const other = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN', skills: [] });
    await makeMember(database.db, community, { displayName: 'Mo Mentor', mentorshipRole: 'MENTOR', skills: [{ slug: 'backend', direction: 'OFFER', level: 4 }] });
    await makeMember(database.db, community, { displayName: 'Mia Mentee', mentorshipRole: 'MENTEE', skills: [{ slug: 'backend', direction: 'SEEK', level: 2 }] });
    const alone = await makeMember(database.db, community, { displayName: 'Al Alone', mentorshipRole: 'MENTEE', skills: [{ slug: 'ai-ml', direction: 'SEEK', level: 1 }] });
    const old = await database.db.insertInto('matching_rounds')
      .values({ community_id: community.id, status: 'COMPLETED', scheduled_for: new Date('2026-01-05T10:00:00Z'), stats: JSON.stringify({ mentees: 4, matched: 1 }) })
      .returning('id').executeTakeFirstOrThrow();
    const foreign = await database.db.insertInto('matching_rounds').values({ community_id: other.id, scheduled_for: new Date('2026-03-05T10:00:00Z') }).returning('id').executeTakeFirstOrThrow();

    const preview = expectOk(await previewRound(deps(), actorFor(admin)));
    expectOk(await runRound(deps(), actorFor(admin), { roundId: preview.roundId }));
    await database.db.updateTable('suggestions').set({ status: 'ACCEPTED', responded_at: clock.now() }).where('matching_round_id', '=', preview.roundId).execute();

    const listed = expectOk(await listRounds(deps(), actorFor(admin)));
    expect(listed.rounds.map((round) => [round.id, round.status, round.matched])).toEqual([[preview.roundId, 'COMPLETED', 1], [old.id, 'COMPLETED', 1]]);
    expect(listed.rounds[0]!.startedByName).toBe(admin.displayName);

    const round = expectOk(await viewRound(deps(), actorFor(admin), { roundId: preview.roundId }));
    expect(round.stats).toMatchObject({ eligibleMentees: 2, eligibleMentors: 1, matched: 1, greedy: { matched: 1 } });
    expect(round.answers).toEqual({ total: 1, pending: 0, accepted: 1, declined: 0 });
    expect(round.pairs).toEqual([expect.objectContaining({ mentorName: 'Mo Mentor', menteeName: 'Mia Mentee', status: 'ACCEPTED', respondedAt: clock.now() })]);
    expect(round.unmatched).toEqual([{ memberId: alone.id, name: 'Al Alone', side: 'mentee', reason: 'no-mentor-offers' }]);

    // Stats in another shape (an older version, the demo seed) read as none, not as an error.
    const legacy = expectOk(await viewRound(deps(), actorFor(admin), { roundId: old.id }));
    expect(legacy).toMatchObject({ stats: null, matched: null, unmatched: [], answers: { total: 0 } });
    expect(expectProblem(await viewRound(deps(), actorFor(admin), { roundId: foreign.id })).code).toBe('not-found');
  });

  it('is for admins only', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community);
    expect(expectProblem(await listRounds(deps(), actorFor(member))).code).toBe('forbidden');
  });
});
