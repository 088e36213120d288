import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { MentorshipStatus, ReportStatus, SessionStatus } from '../store/database.js';
import { viewDashboard } from './dashboard.js';

describe('the dashboard’s trends and queues', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z'); // a Wednesday
  const deps = () => ({ db: database.db, clock });

  const session = (mentorshipId: number, startsAt: string, status: SessionStatus = 'COMPLETED') =>
    database.db.insertInto('mentoring_sessions').values({ mentorship_id: mentorshipId, kind: 'VIDEO_CALL', starts_at: new Date(startsAt), duration_minutes: 60, status }).execute();
  const pair = async (community: BuiltCommunity, status: MentorshipStatus) => {
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    return (await makeMentorship(database.db, community, { mentor, mentee, status })).id;
  };

  it('counts sessions per week in the community’s timezone, the last 12 weeks with this one last', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const other = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const mentorship = await pair(community, 'ACCEPTED');
    await session(mentorship, '2026-03-02T18:00:00Z');
    // Sunday 23:30 in UTC is already Monday in Berlin: this week, not the last.
    await session(mentorship, '2026-03-01T23:30:00Z', 'CONFIRMED');
    await session(mentorship, '2026-03-03T18:00:00Z', 'CANCELLED');
    await session(mentorship, '2026-02-24T18:00:00Z', 'MISSED');
    await session(mentorship, '2025-12-01T18:00:00Z');
    await session(await pair(other, 'ACCEPTED'), '2026-03-02T18:00:00Z');

    const dashboard = expectOk(await viewDashboard(deps(), actorFor(admin)));
    expect(dashboard.sessionsPerWeek).toHaveLength(12);
    expect(dashboard.sessionsPerWeek[0]).toEqual({ week: '2025-12-15', count: 0 });
    expect(dashboard.sessionsPerWeek.slice(-2)).toEqual([{ week: '2026-02-23', count: 1 }, { week: '2026-03-02', count: 2 }]);
    expect(dashboard.sessionsPerWeek.reduce((sum, week) => sum + week.count, 0)).toBe(3);
    expect(dashboard.sessionsPerWeek.at(-1)!.count).toBe(dashboard.sessionsThisWeek);
  });

  it('follows members through the funnel, each stage within the one before', async () => {
    const community = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    await makeMember(database.db, community); // onboarded, never matched
    await makeMember(database.db, community, { onboardingStep: 'PROFILE' }); // not onboarded: outside the funnel
    const erased = await makeMember(database.db, community);
    await database.db.updateTable('members').set({ erased_at: clock.now() }).where('id', '=', erased.id).execute();
    await session(await pair(community, 'ACCEPTED'), '2026-02-10T18:00:00Z'); // matched, first session
    await pair(community, 'COMPLETED'); // completed without a session held: matched only
    await session(await pair(community, 'COMPLETED'), '2026-01-20T18:00:00Z'); // every stage
    await pair(community, 'PENDING'); // a request is not a match

    const { funnel } = expectOk(await viewDashboard(deps(), actorFor(admin)));
    expect(funnel).toEqual({ onboarded: 10, matched: 6, firstSession: 4, completed: 2 });
  });

  it('counts reports waiting and in review, never one about the admin looking', async () => {
    const community = await makeCommunity(database.db);
    const other = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const reporter = await makeMember(database.db, community);
    const report = (where: BuiltCommunity, about: BuiltMember, status: ReportStatus) =>
      database.db.insertInto('reports').values({
        community_id: where.id, reporter_id: where.id === community.id ? reporter.id : null, reported_member_id: about.id, category: 'OTHER', details_encrypted: 'sealed', status,
        ...(status === 'RESOLVED' ? { resolved_at: clock.now() } : {}),
      }).execute();
    const someone = await makeMember(database.db, community);
    await report(community, someone, 'OPEN');
    await report(community, someone, 'OPEN');
    await report(community, someone, 'IN_REVIEW');
    await report(community, someone, 'RESOLVED');
    await report(community, admin, 'OPEN');
    await report(other, await makeMember(database.db, other), 'OPEN');

    const dashboard = expectOk(await viewDashboard(deps(), actorFor(admin)));
    expect([dashboard.openReports, dashboard.reportsInReview]).toEqual([2, 1]);
    const otherAdmin = await makeMember(database.db, community, { role: 'ADMIN' });
    expect(expectOk(await viewDashboard(deps(), actorFor(otherAdmin))).openReports).toBe(3);
  });
});
