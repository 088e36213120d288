import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { testCipher } from '../../test/field-cipher.js';
import { exportMemberData } from '../privacy/export-member-data.js';
import { reportMember, reportMentorship, reportsPerDay } from './create-report.js';
import { assignReport, noteReport, resolveReport, warnMember } from './handle-report.js';
import { listReports } from './list-reports.js';
import { cancelReportedMentorship, suspendReportedMember } from './report-sanctions.js';
import { viewReport } from './view-report.js';

describe('reports', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock, cipher: testCipher });
  const details = 'He kept sending me insulting messages after our session on Tuesday.';
  const outboxTo = (memberId: number) =>
    database.db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('kind', '=', 'dm').where(({ ref, eb }) => eb(ref('payload', '->>').key('recipientMemberId'), '=', String(memberId))).execute();

  async function setting() {
    const community = await makeCommunity(database.db, { settings: { programName: 'Meetup mentoring' } });
    const owner = await makeMember(database.db, community, { role: 'OWNER', displayName: 'Olivia' });
    const admin = await makeMember(database.db, community, { role: 'ADMIN', displayName: 'Adam' });
    const reporter = await makeMember(database.db, community, { displayName: 'Rita Reporter', platformUserId: 'U-RITA' });
    const reported = await makeMember(database.db, community, { displayName: 'Xavier' });
    const mentorship = await makeMentorship(database.db, community, { mentor: reported, mentee: reporter });
    return { community, owner, admin, reporter, reported, mentorship };
  }

  it('takes a report, thanks the reporter, tells the admins without naming the reporter, and lets admins handle it to resolution', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { owner, admin, reporter, reported } = await setting();

    const filed = expectOk(await reportMember(deps(), actorFor(reporter), { memberId: reported.id, values: { category: 'HARASSMENT', details } }));
    expect(filed.reply.body.join('')).toMatch(/Thank you/);
    const stored = await database.db.selectFrom('reports').select(['details_encrypted', 'status', 'reporter_id']).where('id', '=', filed.reportId).executeTakeFirstOrThrow();
    expect(stored.details_encrypted).not.toContain('insulting');
    expect(stored).toMatchObject({ status: 'OPEN', reporter_id: reporter.id });

    for (const staff of [owner, admin]) {
      const [notice] = await outboxTo(staff.id);
      const text = JSON.stringify(notice?.payload);
      expect(text).toContain('harassment');
      expect(text).toContain(reported.platformUserId);
      expect(text).toContain(`mentor:report:view:${filed.reportId}`);
      expect(text).not.toContain(reporter.platformUserId);
      expect(text).not.toContain('Rita');
      expect(text).not.toContain('insulting');
    }
    // Neither side of the report gets the admins' notice.
    expect(await outboxTo(reporter.id)).toEqual([]);
    expect(await outboxTo(reported.id)).toEqual([]);

    // Admins only: members cannot list or open reports.
    expect(expectProblem(await listReports(deps(), actorFor(reporter))).code).toBe('forbidden');
    expect(expectOk(await listReports(deps(), actorFor(admin), { status: 'OPEN' })).reports).toEqual([expect.objectContaining({ reportId: filed.reportId, category: 'HARASSMENT', reportedMemberId: reported.id })]);
    expect(expectOk(await viewReport(deps(), actorFor(admin), { reportId: filed.reportId })).details).toBe(details);

    expectOk(await noteReport(deps(), actorFor(admin), { reportId: filed.reportId, note: 'Asked both for their side.' }));
    expectOk(await assignReport(deps(), actorFor(owner), { reportId: filed.reportId, adminMemberId: admin.id }));
    const reviewed = expectOk(await viewReport(deps(), actorFor(owner), { reportId: filed.reportId }));
    expect(reviewed.report).toMatchObject({ status: 'IN_REVIEW', assignedAdminId: admin.id });
    expect(reviewed.adminNotes).toEqual([{ byMemberId: admin.id, at: '2026-03-01T12:00:00.000Z', text: 'Asked both for their side.' }]);
    const sealedNotes = await database.db.selectFrom('reports').select('admin_notes_encrypted').where('id', '=', filed.reportId).executeTakeFirstOrThrow();
    expect(sealedNotes.admin_notes_encrypted).not.toContain('Asked');

    expectOk(await warnMember(deps(), actorFor(admin), { reportId: filed.reportId, message: 'Insulting other members breaks our code of conduct.' }));
    const warnings = await outboxTo(reported.id);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0]!.payload)).toContain('Meetup mentoring');
    expect(JSON.stringify(warnings[0]!.payload)).not.toMatch(/Rita|U-RITA|report/i);

    expect(expectProblem(await resolveReport(deps(), actorFor(admin), { reportId: filed.reportId, message: 'ok' })).fields?.[0]?.field).toBe('message');
    expectOk(await resolveReport(deps(), actorFor(admin), { reportId: filed.reportId, message: 'We warned the member and will keep an eye on it.' }));
    expect(JSON.stringify((await outboxTo(reporter.id))[0]?.payload)).toContain('We warned the member');
    expect(expectProblem(await resolveReport(deps(), actorFor(admin), { reportId: filed.reportId, message: 'Closing it again now.' })).code).toBe('already-done');

    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', String(filed.reportId)).where('target_type', '=', 'report').orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['report.viewed', 'report.noted', 'report.assigned', 'report.viewed', 'report.warned', 'report.resolved']);
    expect(JSON.stringify(audit)).not.toContain('insulting');
  });

  it('answers bad reports with what to fix, and limits how many one member sends a day', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { community, reporter, reported } = await setting();
    const report = (memberId: number, values: { category: string; details: string }) => reportMember(deps(), actorFor(reporter), { memberId, values: values as never });

    expect(expectProblem(await report(reporter.id, { category: 'OTHER', details })).fields?.[0]?.field).toBe('member');
    expect(expectProblem(await report(reported.id, { category: 'OTHER', details: 'He was rude.' })).fields?.map((field) => field.field)).toEqual(['details']);
    expect(expectProblem(await report(reported.id, { category: 'SPAM', details })).fields?.map((field) => field.field)).toEqual(['category']);
    const elsewhere = await makeMember(database.db, await makeCommunity(database.db));
    expect(expectProblem(await report(elsewhere.id, { category: 'OTHER', details })).code).toBe('not-found');
    expect(await database.db.selectFrom('reports').select('id').where('community_id', '=', community.id).execute()).toEqual([]);

    for (let sent = 0; sent < reportsPerDay; sent++) expectOk(await report(reported.id, { category: 'OTHER', details }));
    expect(expectProblem(await report(reported.id, { category: 'OTHER', details })).code).toBe('limit-reached');
    expect(await database.db.selectFrom('reports').select('id').where('community_id', '=', community.id).execute()).toHaveLength(reportsPerDay);
    clock.set('2026-03-02T12:00:01Z');
    expectOk(await report(reported.id, { category: 'OTHER', details }));
  });

  it('lets admins end a reported relation and suspend the member, and the reported member never learns who reported', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { admin, reporter, reported, mentorship } = await setting();
    const filed = expectOk(await reportMentorship(deps(), actorFor(reporter), { mentorshipId: mentorship.id, values: { category: 'NO_SHOW', details: 'Missed our last three sessions without a word.' } }));
    expect((await database.db.selectFrom('reports').select('reported_member_id').where('id', '=', filed.reportId).executeTakeFirstOrThrow()).reported_member_id).toBe(reported.id);
    // Only the pair reports its own relation.
    expect(expectProblem(await reportMentorship(deps(), actorFor(admin), { mentorshipId: mentorship.id, values: { category: 'OTHER', details } })).code).toBe('not-found');

    expectOk(await cancelReportedMentorship(deps(), actorFor(admin), { reportId: filed.reportId, reason: 'No-shows confirmed by both sides' }));
    const ended = await database.db.selectFrom('mentorships').select('status').where('id', '=', mentorship.id).executeTakeFirstOrThrow();
    expect(ended.status).toBe('CANCELLED');
    const event = await database.db.selectFrom('mentorship_events').select(['actor_kind', 'reason']).where('mentorship_id', '=', mentorship.id).executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_kind: 'ADMIN', reason: 'ended by an admin' });
    expectOk(await suspendReportedMember(deps(), actorFor(admin), { reportId: filed.reportId, reason: 'Repeated no-shows' }));
    expect((await database.db.selectFrom('members').select('status').where('id', '=', reported.id).executeTakeFirstOrThrow()).status).toBe('SUSPENDED');

    // Everything the reported member was sent, and everything their export holds, is free of the reporter's report.
    const toReported = JSON.stringify(await outboxTo(reported.id));
    expect(toReported).toMatch(/An admin of the program ended your mentorship/);
    expect(toReported).not.toMatch(/report|no-show|Missed our last/i);
    const exported = expectOk(await exportMemberData(deps(), actorFor(reported, { status: 'SUSPENDED' })));
    expect(exported.data.reportsMade).toEqual([]);
    const text = JSON.stringify(exported.data);
    expect(text).not.toMatch(/NO_SHOW|Missed our last|No-shows confirmed|Repeated no-shows/);
    // The reporter's own export lists the report they made, without its sealed details.
    const own = expectOk(await exportMemberData(deps(), actorFor(reporter)));
    expect(own.data.reportsMade).toEqual([expect.objectContaining({ id: filed.reportId, category: 'NO_SHOW' })]);
    expect(JSON.stringify(own.data)).not.toContain('Missed our last');
  });

  it('keeps a report about an admin away from that admin', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { owner, admin, reporter } = await setting();
    const filed = expectOk(await reportMember(deps(), actorFor(reporter), { memberId: admin.id, values: { category: 'INAPPROPRIATE_REQUEST', details } }));
    expect(await outboxTo(admin.id)).toEqual([]);
    expect((await outboxTo(owner.id)).map((row) => row.dedupe_key)).toEqual([`report:${filed.reportId}:admin:${owner.id}`]);
    expect(expectOk(await listReports(deps(), actorFor(admin))).reports).toEqual([]);
    expect(expectProblem(await viewReport(deps(), actorFor(admin), { reportId: filed.reportId })).code).toBe('not-found');
    expect(expectOk(await viewReport(deps(), actorFor(owner), { reportId: filed.reportId })).details).toBe(details);
  });
});
