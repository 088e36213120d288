import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship, skillBySlug } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { contactAdmins } from './contact-admins.js';
import { lastMonths, viewDashboard } from './dashboard.js';
import { exportCsv } from './export-csv.js';
import { listAuditLog } from './list-audit-log.js';
import { listMembers } from './list-members.js';
import { listMentorships, viewMentorship } from './mentorship-records.js';
import { viewPublicProgram } from './public-program.js';
import { retryDelivery } from './retry-delivery.js';

const day = 86_400_000;

describe('admin site read models', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z'); // a Wednesday
  const deps = () => ({ db: database.db, clock });

  it('counts the dashboard numbers of one community only', async () => {
    const community = await makeCommunity(database.db, { settings: { reminders: { silentPairDays: 14 } } });
    const other = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const mentor = await makeMember(database.db, community, { mentorshipRole: 'MENTOR' });
    const menteeA = await makeMember(database.db, community, { createdAt: new Date(clock.now().getTime() - 3 * day) });
    const menteeB = await makeMember(database.db, community, { status: 'PENDING_APPROVAL' });
    const [otherMentor, otherMentee] = [await makeMember(database.db, other), await makeMember(database.db, other)];
    const active = await makeMentorship(database.db, community, { mentor, mentee: menteeA });
    await database.db.updateTable('mentorships').set({ last_activity_at: new Date(clock.now().getTime() - day) }).where('id', '=', active.id).execute();
    const mentor2 = await makeMember(database.db, community, { mentorshipRole: 'MENTOR' });
    await makeMentorship(database.db, community, { mentor: mentor2, mentee: menteeA }); // ACCEPTED, never active: silent
    await makeMentorship(database.db, community, { mentor, mentee: menteeB, status: 'PENDING' });
    await makeMentorship(database.db, community, { mentor, mentee: menteeB, status: 'REJECTED' });
    await makeMentorship(database.db, other, { mentor: otherMentor, mentee: otherMentee });
    await database.db.insertInto('mentoring_sessions').values([
      { mentorship_id: active.id, kind: 'VIDEO_CALL', starts_at: new Date('2026-03-02T18:00:00Z'), duration_minutes: 60, status: 'COMPLETED' },
      { mentorship_id: active.id, kind: 'VIDEO_CALL', starts_at: new Date('2026-03-06T18:00:00Z'), duration_minutes: 60, status: 'CONFIRMED' },
      { mentorship_id: active.id, kind: 'VIDEO_CALL', starts_at: new Date('2026-03-06T19:00:00Z'), duration_minutes: 60, status: 'CANCELLED' },
      { mentorship_id: active.id, kind: 'VIDEO_CALL', starts_at: new Date('2026-02-20T18:00:00Z'), duration_minutes: 60, status: 'COMPLETED' },
    ]).execute();
    await database.db.insertInto('feedback').values([
      { mentorship_id: active.id, author_id: menteeA.id, subject_id: mentor.id, kind: 'FINAL', rating: 5 },
      { mentorship_id: active.id, author_id: mentor.id, subject_id: menteeA.id, kind: 'FINAL', rating: 4 },
    ]).execute();

    const dashboard = expectOk(await viewDashboard(deps(), actorFor(admin)));
    expect(dashboard).toMatchObject({
      activeMentorships: 2, pendingRequests: 1, membersAwaitingApproval: 1, sessionsThisWeek: 2, silentPairs: 1, silentPairDays: 14, averageRating: 4.5, ratings: 2,
    });
    expect(dashboard.acceptanceRate).toBeCloseTo(2 / 3);
    expect(dashboard.averageSessionsPerMentorship).toBe(1);
    expect(dashboard.newMembers30Days).toBeGreaterThanOrEqual(1);
    // Every builder member offers Backend and wants Frontend; the pending one counts in neither.
    const frontend = dashboard.skillSupply.find((skill) => skill.name === 'Frontend');
    expect(frontend).toMatchObject({ mentors: 0, seekers: 4 });
    expect(dashboard.skillsShortOfMentors.map((skill) => skill.name)).toContain('Frontend');
    expect(dashboard.startedPerMonth).toHaveLength(12);
    expect(dashboard.startedPerMonth.at(-1)?.month).toBe('2026-03');
  });

  it('lists the last months across a year boundary', () => {
    expect(lastMonths(new Date('2026-02-10T00:00:00Z'), 'UTC', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('filters members by search, status, role and skill, and refuses unknown filters', async () => {
    const community = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN', displayName: 'Ada Admin' });
    await makeMember(database.db, community, { displayName: 'Grace 100%', status: 'SUSPENDED' });
    await makeMember(database.db, community, { displayName: 'Linus', skills: [{ slug: 'devops', direction: 'OFFER', level: 3 }] });
    const names = async (filters: Record<string, unknown>) => expectOk(await listMembers(deps(), actorFor(admin), filters)).members.map((member) => member.displayName);
    expect(await names({ q: '100%' })).toEqual(['Grace 100%']);
    expect(await names({ status: 'SUSPENDED' })).toEqual(['Grace 100%']);
    expect(await names({ role: 'ADMIN' })).toEqual(['Ada Admin']);
    expect(await names({ skillId: String(await skillBySlug(database.db, community, 'devops')) })).toEqual(['Linus']);
    expect(await names({ status: '' })).toHaveLength(3);
    expect(expectProblem(await listMembers(deps(), actorFor(admin), { status: 'BANNED' })).fields?.[0]?.field).toBe('status');
  });

  it('shows a mentorship with its history, and nothing of another community', async () => {
    const community = await makeCommunity(database.db);
    const other = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const mentorship = await makeMentorship(database.db, community, { mentor, mentee });
    await database.db.insertInto('mentorship_events').values({ mentorship_id: mentorship.id, to_status: 'PENDING', actor_kind: 'MEMBER', actor_member_id: mentee.id }).execute();
    await database.db.insertInto('goals').values({ mentorship_id: mentorship.id, title: 'Ship it' }).execute();
    const record = expectOk(await viewMentorship(deps(), actorFor(admin), { mentorshipId: mentorship.id }));
    expect(record).toMatchObject({ mentorName: mentor.displayName, menteeName: mentee.displayName, history: [{ to: 'PENDING', actorName: mentee.displayName }], goals: [{ title: 'Ship it' }] });
    const [otherMentor, otherMentee] = [await makeMember(database.db, other), await makeMember(database.db, other)];
    const foreign = await makeMentorship(database.db, other, { mentor: otherMentor, mentee: otherMentee });
    expect(expectProblem(await viewMentorship(deps(), actorFor(admin), { mentorshipId: foreign.id })).code).toBe('not-found');
    expect(expectOk(await listMentorships(deps(), actorFor(admin), { status: 'ACCEPTED' })).mentorships.map((row) => row.id)).toEqual([mentorship.id]);
  });

  it('exports CSV safe for spreadsheets', async () => {
    const community = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    await makeMember(database.db, community, { displayName: '=cmd|calc', skills: [] });
    const members = expectOk(await exportCsv(deps(), actorFor(admin), { export: 'members' }));
    expect(members.filename).toBe(`community-${community.id}-members.csv`);
    expect(members.csv.split('\r\n')[0]).toMatch(/^id,name,platform user id,role,status/);
    expect(members.csv).toContain(`,'=cmd|calc,`);
    for (const name of ['mentorships', 'sessions'] as const) expect(expectOk(await exportCsv(deps(), actorFor(admin), { export: name })).csv).toMatch(/^id,/);
  });

  it('retries a dead letter of the community, audited; another community’s is not found', async () => {
    const community = await makeCommunity(database.db);
    const other = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const dead = (communityId: number, key: string) => database.db.insertInto('outbox').values({ community_id: communityId, kind: 'dm', payload: '{}', dedupe_key: key, status: 'DEAD', attempts: 8 }).returning('id').executeTakeFirstOrThrow();
    const mine = await dead(community.id, `retry-mine-${community.id}`);
    const theirs = await dead(other.id, `retry-theirs-${other.id}`);
    expectOk(await retryDelivery(deps(), actorFor(admin), { outboxId: mine.id }));
    expect(expectProblem(await retryDelivery(deps(), actorFor(admin), { outboxId: theirs.id })).code).toBe('not-found');
    const log = expectOk(await listAuditLog(deps(), actorFor(admin)));
    expect(log.entries.map((entry) => [entry.action, entry.targetId])).toEqual([['outbox.retried', String(mine.id)]]);
  });

  it('sends the contact form to every active admin and owner through the outbox', async () => {
    const community = await makeCommunity(database.db);
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    await makeMember(database.db, community, { role: 'ADMIN', status: 'SUSPENDED' });
    await makeMember(database.db, community);
    expect(expectOk(await contactAdmins(deps(), { communityId: community.id, values: { name: 'Visitor', replyTo: '', message: 'How do I become a mentor?' } })).recipients).toBe(2);
    const queued = await database.db.selectFrom('outbox').select(['kind', 'payload']).where('community_id', '=', community.id).execute();
    expect(queued.map((row) => (row.payload as { recipientMemberId: number }).recipientMemberId).sort()).toEqual([owner.id, admin.id].sort());
    expect(JSON.stringify(queued[0]?.payload)).toContain('How do I become a mentor?');
    const invalid = expectProblem(await contactAdmins(deps(), { communityId: community.id, values: { name: '', message: 'short' } }));
    expect(invalid.fields?.map((field) => field.field).sort()).toEqual(['message', 'name']);
  });

  it('shows only public testimonials on the public page, and nothing for an unknown community', async () => {
    const community = await makeCommunity(database.db, { settings: { programName: 'Pairs', faq: [{ question: 'Free?', answer: 'Yes.' }] } });
    const [mentor, mentee] = [await makeMember(database.db, community, { mentorshipRole: 'MENTOR' }), await makeMember(database.db, community)];
    const mentorship = await makeMentorship(database.db, community, { mentor, mentee, status: 'COMPLETED' });
    await database.db.insertInto('feedback').values([
      { mentorship_id: mentorship.id, author_id: mentee.id, kind: 'FINAL', rating: 5, testimonial: 'Public words', testimonial_public: true },
      { mentorship_id: mentorship.id, author_id: mentor.id, kind: 'FINAL', rating: 4, testimonial: 'Private words', testimonial_public: false },
    ]).execute();
    const program = await viewPublicProgram(deps(), community.id);
    expect(program).toMatchObject({ programName: 'Pairs', faq: [{ question: 'Free?', answer: 'Yes.' }], numbers: { members: 2, completedMentorships: 1 } });
    expect(program?.testimonials).toEqual([{ text: 'Public words', rating: 5 }]);
    expect(await viewPublicProgram(deps(), 987654)).toBeNull();
  });
});
