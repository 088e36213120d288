import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { buildWebApp, fileReport, signedIn, type Visitor } from '../../../test/web-admin.js';

/** Requests awaiting approval, the reports queue and the admin's actions on a mentorship, against the real database. */
describe('community routes: requests, reports and mentorship actions', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;
  let community: BuiltCommunity;
  let owner: BuiltMember;
  let visitor: Visitor;
  let base: string;

  const audit = async (action: string) =>
    database.db.selectFrom('audit_log').select(['actor_member_id', 'target_type', 'target_id', 'details']).where('community_id', '=', community.id).where('action', '=', action).orderBy('id').execute();
  const mentorshipStatus = async (id: number) => (await database.db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const report = (id: number) => database.db.selectFrom('reports').select(['status', 'assigned_admin_id', 'resolution_message', 'admin_notes_encrypted']).where('id', '=', id).executeTakeFirstOrThrow();
  const pair = async (status: Parameters<typeof makeMentorship>[2]['status'], names: [string, string] = ['Mo Mentor', 'Mia Mentee']) => {
    const [mentor, mentee] = [await makeMember(database.db, community, { displayName: names[0] }), await makeMember(database.db, community, { displayName: names[1] })];
    return { mentor, mentee, mentorship: await makeMentorship(database.db, community, { mentor, mentee, ...(status ? { status } : {}), description: 'Learn <b>Rust</b> lifetimes' }) };
  };

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
    community = await makeCommunity(database.db, { name: 'Moderated' });
    owner = await makeMember(database.db, community, { role: 'OWNER', displayName: 'Olive Owner' });
    visitor = await signedIn(app, database.db, clock, community, owner);
    base = `/c/${community.id}`;
  });
  afterAll(() => app.close());

  describe('requests awaiting approval', () => {
    it('lists them with both members, the description, end date and age, linked from the navigation', async () => {
      const { mentorship } = await pair('AWAITING_APPROVAL', ['Ana Accepting', 'Ben Beginner']);
      await pair('PENDING', ['Pat Pending', 'Pia Pending']);
      const dashboard = await visitor.get(base);
      expect(dashboard.body).toContain(`href="${base}/requests"`);
      expect(dashboard.body).toContain(`href="${base}/reports"`);
      const page = await visitor.get(`${base}/requests`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Ana Accepting');
      expect(page.body).toContain('Ben Beginner');
      expect(page.body).toContain('Learn &lt;b&gt;Rust&lt;/b&gt; lifetimes');
      expect(page.body).toContain('Requested end date 30 Jun 2026');
      expect(page.body).toMatch(/asked <time [^>]+>(today|\d+ days? ago)<\/time>/);
      expect(page.body).toContain(`action="${base}/requests/${mentorship.id}/approve"`);
      expect(page.body).not.toContain('Pat Pending');
    });

    it('approves one: the mentorship starts, audited', async () => {
      const { mentorship } = await pair('AWAITING_APPROVAL');
      const response = await visitor.submit(`${base}/requests`, `${base}/requests/${mentorship.id}/approve`);
      expect([response.statusCode, response.headers.location]).toEqual([303, `${base}/requests?done=approved`]);
      expect(await mentorshipStatus(mentorship.id)).toBe('ACCEPTED');
      expect(await audit('request.approved')).toContainEqual(expect.objectContaining({ actor_member_id: owner.id, target_id: String(mentorship.id) }));
      expect((await visitor.get(String(response.headers.location))).body).toContain('The mentorship was approved');
      // Already approved: the core refuses, the page says why.
      const again = await visitor.submit(`${base}/requests`, `${base}/requests/${mentorship.id}/approve`);
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('class="problem"');
    });

    it('declines one with a reason (400 and the message by the field for a reason too long)', async () => {
      const { mentorship } = await pair('AWAITING_APPROVAL');
      const invalid = await visitor.submit(`${base}/requests`, `${base}/requests/${mentorship.id}/decline`, { reason: 'x'.repeat(501) });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toMatch(new RegExp(`id="reason-${mentorship.id}-error">Keep the reason under 500 characters.<`));
      expect(await mentorshipStatus(mentorship.id)).toBe('AWAITING_APPROVAL');
      const declined = await visitor.submit(`${base}/requests`, `${base}/requests/${mentorship.id}/decline`, { reason: 'Mentor is at capacity' });
      expect([declined.statusCode, declined.headers.location]).toEqual([303, `${base}/requests?done=declined`]);
      expect(await mentorshipStatus(mentorship.id)).not.toBe('AWAITING_APPROVAL');
      expect(await audit('request.declined')).toContainEqual(expect.objectContaining({ target_id: String(mentorship.id), details: { reason: 'Mentor is at capacity' } }));
    });
  });

  describe('mentorship actions', () => {
    it('cancels a running mentorship with a reason (400 without one), audited with the reason', async () => {
      const { mentorship } = await pair('ACCEPTED');
      const page = `${base}/mentorships/${mentorship.id}`;
      expect((await visitor.get(page)).body).toContain(`action="${page}/cancel"`);
      const invalid = await visitor.submit(page, `${page}/cancel`, { reason: ' ' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toMatch(/id="cancel-reason-error">Say why, for the other admins.</);
      expect(await mentorshipStatus(mentorship.id)).toBe('ACCEPTED');
      const cancelled = await visitor.submit(page, `${page}/cancel`, { reason: 'Pair asked us to end it' });
      expect([cancelled.statusCode, cancelled.headers.location]).toEqual([303, `${page}?done=cancelled`]);
      expect(await mentorshipStatus(mentorship.id)).toBe('CANCELLED');
      expect(await audit('mentorship.cancelled')).toContainEqual(expect.objectContaining({ target_id: String(mentorship.id), details: { reason: 'Pair asked us to end it' } }));
      const after = await visitor.get(String(cancelled.headers.location));
      expect(after.body).toContain('The mentorship is cancelled');
      expect(after.body).toContain(`action="${page}/reactivate"`);
      expect(after.body).not.toContain(`action="${page}/cancel"`);
    });

    it('reactivates a cancelled one; an end date already past needs a new one (400)', async () => {
      const { mentorship } = await pair('CANCELLED');
      const page = `${base}/mentorships/${mentorship.id}`;
      const badDate = await visitor.submit(page, `${page}/reactivate`, { endDate: 'next week', reason: '' });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.body).toMatch(/id="reactivate-endDate-error">Give the date as YYYY-MM-DD/);
      const past = await visitor.submit(page, `${page}/reactivate`, { endDate: '2026-03-01', reason: '' });
      expect(past.statusCode).toBe(400);
      expect(past.body).toContain('Give a new end date after 2026-03-04');
      expect(await mentorshipStatus(mentorship.id)).toBe('CANCELLED');
      const done = await visitor.submit(page, `${page}/reactivate`, { endDate: '2026-09-01', reason: 'Cancelled by mistake' });
      expect([done.statusCode, done.headers.location]).toEqual([303, `${page}?done=reactivated`]);
      expect(await mentorshipStatus(mentorship.id)).toBe('ACCEPTED');
      expect(await audit('mentorship.reactivated')).toContainEqual(expect.objectContaining({ target_id: String(mentorship.id), details: { endDate: '2026-09-01', reason: 'Cancelled by mistake' } }));
    });

    it('extends a running mentorship: the date must be valid, after today and after the current end (400 otherwise), audited', async () => {
      const { mentorship } = await pair('ACCEPTED');
      const page = `${base}/mentorships/${mentorship.id}`;
      const shown = await visitor.get(page);
      expect(shown.body).toContain(`action="${page}/extend"`);
      expect(shown.body).toContain('It now ends 30 Jun 2026.');
      const badDate = await visitor.submit(page, `${page}/extend`, { endDate: 'next month' });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.body).toMatch(/id="extend-endDate-error">Give the date as YYYY-MM-DD/);
      expect(badDate.body).toContain('value="next month"');
      const earlier = await visitor.submit(page, `${page}/extend`, { endDate: '2026-06-01' });
      expect(earlier.statusCode).toBe(400);
      expect(earlier.body).toMatch(/id="extend-endDate-error">Pick a date after 2026-06-30 \(the current end date\)/);
      expect(earlier.body).toContain('aria-invalid="true"');
      const tooLate = await visitor.submit(page, `${page}/extend`, { endDate: '2027-06-01' });
      expect(tooLate.statusCode).toBe(400);
      expect(tooLate.body).toContain('no later than 2026-08-19');
      expect((await database.db.selectFrom('mentorships').select('end_date').where('id', '=', mentorship.id).executeTakeFirstOrThrow()).end_date).toBe('2026-06-30');

      const done = await visitor.submit(page, `${page}/extend`, { endDate: '2026-08-01' });
      expect([done.statusCode, done.headers.location]).toEqual([303, `${page}?done=extended`]);
      const row = await database.db.selectFrom('mentorships').select(['status', 'end_date']).where('id', '=', mentorship.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'ACCEPTED', end_date: '2026-08-01' });
      expect(await audit('mentorship.extended')).toContainEqual(expect.objectContaining({ actor_member_id: owner.id, target_id: String(mentorship.id), details: { from: '2026-06-30', to: '2026-08-01' } }));
      const after = await visitor.get(String(done.headers.location));
      expect(after.body).toContain('The end date is moved');
      expect(after.body).toContain('It now ends 1 Aug 2026.');
    });

    it('marks a paused mentorship completed (400 for a note too long), both members told, audited with the note', async () => {
      const { mentor, mentee, mentorship } = await pair('PAUSED');
      const page = `${base}/mentorships/${mentorship.id}`;
      expect((await visitor.get(page)).body).toContain(`action="${page}/complete"`);
      const invalid = await visitor.submit(page, `${page}/complete`, { note: 'x'.repeat(501) });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toMatch(/id="complete-note-error">Keep the note under 500 characters.</);
      expect(await mentorshipStatus(mentorship.id)).toBe('PAUSED');

      const done = await visitor.submit(page, `${page}/complete`, { note: 'Pair is done; they will not resume' });
      expect([done.statusCode, done.headers.location]).toEqual([303, `${page}?done=completed`]);
      expect(await mentorshipStatus(mentorship.id)).toBe('COMPLETED');
      expect(await audit('mentorship.completed')).toContainEqual(expect.objectContaining({ target_id: String(mentorship.id), details: { note: 'Pair is done; they will not resume' } }));
      const told = await database.db.selectFrom('outbox').select('payload').where('kind', '=', 'dm').where('dedupe_key', 'like', `mentorship:${mentorship.id}:%`).execute();
      expect(told.map((row) => (row.payload as { recipientMemberId: number }).recipientMemberId).sort()).toEqual([mentor.id, mentee.id].sort());
      const after = await visitor.get(String(done.headers.location));
      expect(after.body).toContain('The mentorship is completed');
      expect(after.body).toContain(`action="${page}/reactivate"`);
      expect(after.body).not.toContain(`action="${page}/complete"`);
      expect(after.body).not.toContain(`action="${page}/extend"`);
      // Already completed: the state machine says so.
      const again = await visitor.submit(page, `${page}/complete`, {});
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('This mentorship was already completed.');
    });

    it('refuses an action the status does not allow, with the core’s message', async () => {
      const { mentorship } = await pair('ACCEPTED');
      const page = `${base}/mentorships/${mentorship.id}`;
      const response = await visitor.submit(page, `${page}/reactivate`, { endDate: '2026-09-01' });
      expect(response.statusCode).toBe(409);
      expect(await mentorshipStatus(mentorship.id)).toBe('ACCEPTED');
    });
  });

  describe('reports', () => {
    let reporter: BuiltMember;
    let reported: BuiltMember;

    beforeAll(async () => {
      reporter = await makeMember(database.db, community, { displayName: 'Rita Reporter' });
      reported = await makeMember(database.db, community, { displayName: 'Rex Reported' });
    });

    it('lists reports by status without naming the reporter; a bad filter is 400', async () => {
      const reportId = await fileReport(database.db, clock, reporter, { memberId: reported.id });
      const list = await visitor.get(`${base}/reports`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`href="${base}/reports/${reportId}"`);
      expect(list.body).toContain('Rex Reported');
      expect(list.body).not.toContain('Rita Reporter');
      expect(list.body).not.toContain('insulting');
      expect((await visitor.get(`${base}/reports?status=OPEN`)).body).toContain(`/reports/${reportId}"`);
      expect((await visitor.get(`${base}/reports?status=RESOLVED`)).body).not.toContain(`/reports/${reportId}"`);
      const bad = await visitor.get(`${base}/reports?status=CLOSED`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Choose open, in review or resolved.');
    });

    it('opens a report with its details and the reporter for admins, audited as read', async () => {
      const reportId = await fileReport(database.db, clock, reporter, { memberId: reported.id }, { details: 'Called me <names> in the #general channel.' });
      const page = await visitor.get(`${base}/reports/${reportId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Called me &lt;names&gt; in the #general channel.');
      expect(page.body).toContain('Rita Reporter');
      expect(page.body).toContain('Rex Reported');
      expect(await audit('report.viewed')).toContainEqual(expect.objectContaining({ target_id: String(reportId) }));
      expect((await visitor.get(`${base}/reports/99999999`)).statusCode).toBe(404);
    });

    it('assigns, notes (400 when empty), warns (400 when too short) and resolves (400 when too short)', async () => {
      const reportId = await fileReport(database.db, clock, reporter, { memberId: reported.id });
      const page = `${base}/reports/${reportId}`;
      const assigned = await visitor.submit(page, `${page}/assign`);
      expect([assigned.statusCode, assigned.headers.location]).toEqual([303, `${page}?done=assigned`]);
      expect(await report(reportId)).toMatchObject({ status: 'IN_REVIEW', assigned_admin_id: owner.id });

      const emptyNote = await visitor.submit(page, `${page}/note`, { note: '  ' });
      expect(emptyNote.statusCode).toBe(400);
      expect(emptyNote.body).toMatch(/id="note-note-error">Write the note, in at least 1 characters.</);
      expect((await visitor.submit(page, `${page}/note`, { note: 'Checked the channel: confirmed.' })).statusCode).toBe(303);
      const stored = await report(reportId);
      expect(stored.admin_notes_encrypted).not.toBeNull();
      expect(stored.admin_notes_encrypted).not.toContain('confirmed');
      const withNote = await visitor.get(page);
      expect(withNote.body).toContain('Checked the channel: confirmed.');
      expect(withNote.body).toContain('Olive Owner');

      const shortWarning = await visitor.submit(page, `${page}/warn`, { message: 'Stop.' });
      expect(shortWarning.statusCode).toBe(400);
      expect(shortWarning.body).toMatch(/id="warn-message-error">Write the warning, in at least 10 characters.</);
      expect((await visitor.submit(page, `${page}/warn`, { message: 'Please keep messages respectful.' })).statusCode).toBe(303);
      const warning = await database.db.selectFrom('outbox').select('payload').where('community_id', '=', community.id).where('dedupe_key', '=', `report:${reportId}:warning:1`).executeTakeFirstOrThrow();
      expect(JSON.stringify(warning.payload)).not.toContain('Rita Reporter');

      const shortResolution = await visitor.submit(page, `${page}/resolve`, { message: 'Done.' });
      expect(shortResolution.statusCode).toBe(400);
      expect(shortResolution.body).toMatch(/id="resolve-message-error">Write a message to the member who reported, in at least 10 characters.</);
      const resolved = await visitor.submit(page, `${page}/resolve`, { message: 'We warned the member. Thank you for telling us.' });
      expect([resolved.statusCode, resolved.headers.location]).toEqual([303, `${page}?done=resolved`]);
      expect(await report(reportId)).toMatchObject({ status: 'RESOLVED', resolution_message: 'We warned the member. Thank you for telling us.' });
      for (const action of ['report.assigned', 'report.noted', 'report.warned', 'report.resolved']) {
        expect(await audit(action), action).toContainEqual(expect.objectContaining({ target_type: 'report', target_id: String(reportId) }));
      }
      const history = await visitor.get(page);
      expect(history.body).toMatch(/report\.resolved by Olive Owner/);
      expect(history.body).not.toContain(`action="${page}/resolve"`);
    });

    it('suspends the reported member through the members core (400 without a reason)', async () => {
      const target = await makeMember(database.db, community, { displayName: 'Sid Suspendable' });
      // A second reporter: the core takes three reports a day from one member.
      const reportId = await fileReport(database.db, clock, await makeMember(database.db, community), { memberId: target.id });
      const page = `${base}/reports/${reportId}`;
      const invalid = await visitor.submit(page, `${page}/suspend`, { reason: '' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toMatch(/id="suspend-reason-error">[^<]+</);
      const done = await visitor.submit(page, `${page}/suspend`, { reason: 'Repeated harassment' });
      expect([done.statusCode, done.headers.location]).toEqual([303, `${page}?done=suspended`]);
      const member = await database.db.selectFrom('members').select(['status', 'status_reason']).where('id', '=', target.id).executeTakeFirstOrThrow();
      expect(member).toEqual({ status: 'SUSPENDED', status_reason: 'Repeated harassment' });
      expect(await audit('member.suspended')).toContainEqual(expect.objectContaining({ target_id: String(target.id) }));
      expect(await audit('report.member-suspended')).toContainEqual(expect.objectContaining({ target_id: String(reportId) }));
    });

    it('cancels the reported mentorship (400 without a reason)', async () => {
      const { mentor, mentee, mentorship } = await pair('ACCEPTED', ['Nia Noshow', 'Tom Tired']);
      const reportId = await fileReport(database.db, clock, mentee, { mentorshipId: mentorship.id }, { category: 'NO_SHOW' });
      const page = `${base}/reports/${reportId}`;
      const opened = await visitor.get(page);
      expect(opened.body).toContain(`action="${page}/cancel-mentorship"`);
      expect(opened.body).toContain(mentor.displayName);
      const invalid = await visitor.submit(page, `${page}/cancel-mentorship`, { reason: '' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toMatch(/id="cancel-mentorship-reason-error">Say why, for the other admins.</);
      expect(await mentorshipStatus(mentorship.id)).toBe('ACCEPTED');
      const done = await visitor.submit(page, `${page}/cancel-mentorship`, { reason: 'Three no-shows' });
      expect([done.statusCode, done.headers.location]).toEqual([303, `${page}?done=mentorship-cancelled`]);
      expect(await mentorshipStatus(mentorship.id)).toBe('CANCELLED');
      expect(await audit('report.mentorship-cancelled')).toContainEqual(expect.objectContaining({ target_id: String(mentorship.id) }));
      expect((await visitor.get(page)).body).toMatch(/report\.mentorship-cancelled by Olive Owner/);
    });

    it('still shows a report whose details do not open with this key, saying so, and offers no note form', async () => {
      const reportId = await fileReport(database.db, clock, await makeMember(database.db, community), { memberId: reported.id });
      await database.db.updateTable('reports').set({ details_encrypted: 'demo:plain:not sealed' }).where('id', '=', reportId).execute();
      const page = await visitor.get(`${base}/reports/${reportId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('The details do not open');
      expect(page.body).not.toContain('not sealed');
      expect(page.body).toContain(`action="${base}/reports/${reportId}/note"`);
    });

    it('hides a report about the admin from them (404): another admin handles it', async () => {
      const admin = await makeMember(database.db, community, { role: 'ADMIN', displayName: 'Abe Admin' });
      const reportId = await fileReport(database.db, clock, await makeMember(database.db, community), { memberId: admin.id });
      const asAdmin = await signedIn(app, database.db, clock, community, admin);
      expect((await asAdmin.get(`${base}/reports`)).body).not.toContain(`/reports/${reportId}"`);
      expect((await asAdmin.get(`${base}/reports/${reportId}`)).statusCode).toBe(404);
      expect((await asAdmin.submit(`${base}/reports`, `${base}/reports/${reportId}/resolve`, { message: 'Nothing to see here, closing.' })).statusCode).toBe(404);
      expect((await report(reportId)).status).toBe('OPEN');
    });
  });
});
