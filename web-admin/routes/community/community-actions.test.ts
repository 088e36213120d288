import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, makeMentorship, makeSkill, type BuiltCommunity, type BuiltMember } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { buildWebApp, signedIn, type Visitor } from '../../../test/web-admin.js';

/** What admins and owners do through the site, against the real database. */
describe('community routes: pages and actions', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;
  let community: BuiltCommunity;
  let owner: BuiltMember;
  let visitor: Visitor;
  let base: string;

  const auditActions = async () =>
    (await database.db.selectFrom('audit_log').select('action').where('community_id', '=', community.id).orderBy('id').execute()).map((row) => row.action);
  const memberRow = (id: number) => database.db.selectFrom('members').select(['status', 'status_reason', 'role']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
    community = await makeCommunity(database.db, { name: 'Rust & <Friends>' });
    owner = await makeMember(database.db, community, { role: 'OWNER', displayName: 'Olive Owner' });
    visitor = await signedIn(app, database.db, clock, community, owner);
    base = `/c/${community.id}`;
  });
  afterAll(() => app.close());

  it('lists the communities the person administers on the home page, names escaped', async () => {
    const home = await visitor.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`href="${base}"`);
    expect(home.body).toContain('Rust &amp; &lt;Friends&gt;');
    expect(home.body).not.toContain('<Friends>');
  });

  it('shows the dashboard with its numbers, four SVG charts (each titled, described and with its table) and the queues', async () => {
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee });
    await database.db.insertInto('mentoring_sessions').values({ mentorship_id: id, kind: 'VIDEO_CALL', starts_at: new Date('2026-03-02T18:00:00Z'), duration_minutes: 60, status: 'COMPLETED' }).execute();
    await makeMentorship(database.db, community, { mentor: await makeMember(database.db, community), mentee: await makeMember(database.db, community), status: 'AWAITING_APPROVAL' });
    await database.db.insertInto('reports').values({ community_id: community.id, reporter_id: mentee.id, reported_member_id: mentor.id, category: 'OTHER', details_encrypted: 'sealed' }).execute();
    const page = await visitor.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<dt>Active mentorships<\/dt><dd><a [^>]+>1<\/a>/);
    const charts = page.body.match(/<svg class="chart"[^>]*role="img" aria-labelledby="([\w-]+)-title \1-desc"/g) ?? [];
    expect(charts).toHaveLength(4);
    for (const id of ['started-chart', 'sessions-chart', 'funnel-chart', 'supply-chart']) {
      expect(page.body).toContain(`<title id="${id}-title">`);
      expect(page.body).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
    }
    expect(page.body.match(/<summary>Show as a table<\/summary>/g)).toHaveLength(4);
    expect(page.body).toContain('<title>2 Mar: 1</title>');
    expect(page.body).toMatch(/<th scope="row">Matched<\/th><td class="num">2<\/td><td class="num">\d+%<\/td>/);
    expect(page.body).toMatch(new RegExp(`<dt>Requests to approve</dt><dd><a href="${base}/requests">1</a>`));
    expect(page.body).toMatch(new RegExp(`<dt>Open reports</dt><dd><a href="${base}/reports\\?status=OPEN">1</a>`));
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('approves a member waiting for approval, audited', async () => {
    const waiting = await makeMember(database.db, community, { status: 'PENDING_APPROVAL', displayName: 'Wanda Waiting' });
    const list = await visitor.get(`${base}/members?status=PENDING_APPROVAL`);
    expect(list.body).toContain('Wanda Waiting');
    const response = await visitor.submit(`${base}/members`, `${base}/members/${waiting.id}/approve`);
    expect([response.statusCode, response.headers.location]).toEqual([303, `${base}/members?done=approved`]);
    expect((await memberRow(waiting.id)).status).toBe('ACTIVE');
    expect(await auditActions()).toContain('member.approved');
    expect((await visitor.get(String(response.headers.location))).body).toContain('The member was approved');
  });

  it('suspends with a reason (400 and the message by the field without one), then reinstates', async () => {
    const member = await makeMember(database.db, community, { displayName: 'Sam Spammer' });
    const invalid = await visitor.submit(`${base}/members`, `${base}/members/${member.id}/suspend`, { reason: '  ' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(new RegExp(`id="reason-${member.id}-error">Say why, for the other admins.<`));
    expect((await memberRow(member.id)).status).toBe('ACTIVE');

    const suspended = await visitor.submit(`${base}/members`, `${base}/members/${member.id}/suspend`, { reason: 'Spam in #general' });
    expect(suspended.statusCode).toBe(303);
    expect(await memberRow(member.id)).toMatchObject({ status: 'SUSPENDED', status_reason: 'Spam in #general' });
    const reinstated = await visitor.submit(`${base}/members`, `${base}/members/${member.id}/reinstate`);
    expect(reinstated.statusCode).toBe(303);
    expect((await memberRow(member.id)).status).toBe('ACTIVE');
    expect(await auditActions()).toEqual(expect.arrayContaining(['member.suspended', 'member.reinstated']));
  });

  it('answers a use case refusal with the page and its message (409)', async () => {
    const member = await makeMember(database.db, community);
    const response = await visitor.submit(`${base}/members`, `${base}/members/${member.id}/reinstate`);
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('That member is not suspended.');
  });

  it('filters the members list, and shows a bad filter with 400', async () => {
    expect((await visitor.get(`${base}/members?q=Olive`)).body).toContain('Olive Owner');
    const bad = await visitor.get(`${base}/members?status=BANNED`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a status from the list.');
  });

  it('saves settings; an invalid value shows the form again with 400 and the field’s message', async () => {
    const form = await visitor.get(`${base}/settings`);
    expect(form.body).toContain('name="branding.colour"');
    const fields = {
      programName: 'Rust Pairs', about: 'We pair Rustaceans.', requestExpiryDays: '10', 'reminders.silentPairDays': '21', requestsNeedAdminApproval: 'on',
      'codeOfConduct.text': 'Be kind.', 'codeOfConduct.required': 'on', 'branding.name': '', 'branding.colour': '#112233', 'branding.logoUrl': '',
      'faq.0.question': 'Is it free?', 'faq.0.answer': 'Yes.', 'faq.1.question': '', 'faq.1.answer': '',
    };
    const invalid = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'branding.colour': 'blue', requestExpiryDays: 'ten' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Enter a whole number.');
    const invalidColour = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'branding.colour': 'blue' });
    expect(invalidColour.statusCode).toBe(400);
    expect(invalidColour.body).toMatch(/id="field-branding-colour-error">Use a hex colour such as #5865F2.</);
    expect(invalidColour.body).toContain('value="Rust Pairs"');

    const saved = await visitor.submit(`${base}/settings`, `${base}/settings`, fields);
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${base}/settings?done=saved`]);
    const stored = await database.db.selectFrom('communities').select('settings').where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(stored.settings).toMatchObject({ programName: 'Rust Pairs', requestExpiryDays: 10, requestsNeedAdminApproval: true, newMembersNeedAdminApproval: false, reminders: { silentPairDays: 21 }, branding: { colour: '#112233' }, faq: [{ question: 'Is it free?', answer: 'Yes.' }] });
    expect(await auditActions()).toContain('settings.updated');
    expect((await visitor.get(`/p/${community.id}/faq`)).body).toContain('Is it free?');
  });

  it('saves reminder times typed as lists, and names a bad list on its input', async () => {
    const form = await visitor.get(`${base}/settings`);
    expect(form.body).toContain('value="24, 1"');
    expect(form.body).toContain('value="3, 1"');
    const fields = {
      programName: 'Rust Pairs', about: '', requestExpiryDays: '10', 'reminders.silentPairDays': '21',
      'codeOfConduct.text': '', 'branding.name': '', 'branding.colour': '#112233', 'branding.logoUrl': '',
    };
    const typo = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'reminders.sessionHoursBefore': '24, one' });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toMatch(/id="field-reminders-sessionHoursBefore-error">Enter whole numbers separated by commas/);
    const tooFar = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'reminders.sessionHoursBefore': '24, 500' });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.body).toMatch(/id="field-reminders-sessionHoursBefore-error">[^<]*168/);
    expect(tooFar.body).toContain('value="24, 500"');

    const saved = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'reminders.sessionHoursBefore': '48, 2', 'reminders.goalDueDaysBefore': '7' });
    expect(saved.statusCode).toBe(303);
    const stored = await database.db.selectFrom('communities').select('settings').where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(stored.settings).toMatchObject({ reminders: { silentPairDays: 21, sessionHoursBefore: [48, 2], goalDueDaysBefore: [7] } });
  });

  it('adds, renames and archives skills; an empty name is 400 with its message', async () => {
    const empty = await visitor.submit(`${base}/skills`, `${base}/skills`, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="new-name-error">Give the skill a name.</);
    expect((await visitor.submit(`${base}/skills`, `${base}/skills`, { name: 'Zig', category: 'Languages' })).statusCode).toBe(303);
    const zig = await database.db.selectFrom('skills').select('id').where('community_id', '=', community.id).where('name', '=', 'Zig').executeTakeFirstOrThrow();
    expect((await visitor.submit(`${base}/skills`, `${base}/skills/${zig.id}/rename`, { name: 'Ziglang' })).statusCode).toBe(303);
    expect((await visitor.submit(`${base}/skills`, `${base}/skills/${zig.id}/archive`)).statusCode).toBe(303);
    const row = await database.db.selectFrom('skills').select(['name', 'archived_at']).where('id', '=', zig.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Ziglang');
    expect(row.archived_at).not.toBeNull();
    const other = await makeSkill(database.db, community, { name: 'Taken' });
    const clash = await visitor.submit(`${base}/skills`, `${base}/skills/${other.id}/rename`, { name: 'Ziglang' });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('Choose a name not already in the catalog.');
    expect(await auditActions()).toEqual(expect.arrayContaining(['skill.added', 'skill.renamed', 'skill.archived']));
  });

  it('grants and revokes admin rights; an incomplete form is 400', async () => {
    const member = await makeMember(database.db, community, { displayName: 'Nia New' });
    const invalid = await visitor.submit(`${base}/admins`, `${base}/admins`, { memberId: '', role: 'ADMIN' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="grant-member-error">Choose a member.</);
    expect((await visitor.submit(`${base}/admins`, `${base}/admins`, { memberId: String(member.id), role: 'ADMIN' })).statusCode).toBe(303);
    expect((await memberRow(member.id)).role).toBe('ADMIN');
    expect((await visitor.get(`${base}/admins`)).body).toContain('Nia New');
    expect((await visitor.submit(`${base}/admins`, `${base}/admins/${member.id}/revoke`)).statusCode).toBe(303);
    expect((await memberRow(member.id)).role).toBe('REGULAR');
    const lastOwner = await visitor.submit(`${base}/admins`, `${base}/admins/${owner.id}/revoke`);
    expect(lastOwner.statusCode).toBe(409);
    expect(lastOwner.body).toContain('only active owner');
  });

  it('lists dead letters and retries one, audited', async () => {
    const letter = await database.db.insertInto('outbox').values({ community_id: community.id, kind: 'dm', payload: '{}', dedupe_key: `site-dead-${community.id}`, status: 'DEAD', attempts: 8, last_error: 'Missing Access' }).returning('id').executeTakeFirstOrThrow();
    expect((await visitor.get(`${base}/dead-letters`)).body).toContain('Missing Access');
    const response = await visitor.submit(`${base}/dead-letters`, `${base}/dead-letters/${letter.id}/retry`);
    expect(response.statusCode).toBe(303);
    const row = await database.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', letter.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'PENDING', attempts: 0 });
    expect((await visitor.submit(`${base}/dead-letters`, `${base}/dead-letters/${letter.id}/retry`)).statusCode).toBe(404);
  });

  it('shows a mentorship’s detail page and the list by status', async () => {
    const [mentor, mentee] = [await makeMember(database.db, community, { displayName: 'Mo Mentor' }), await makeMember(database.db, community, { displayName: 'Mia Mentee' })];
    const mentorship = await makeMentorship(database.db, community, { mentor, mentee, status: 'PAUSED', description: 'Learn <script>alert(1)</script> safely' });
    const list = await visitor.get(`${base}/mentorships?status=PAUSED`);
    expect(list.body).toContain(`${base}/mentorships/${mentorship.id}`);
    const detail = await visitor.get(`${base}/mentorships/${mentorship.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Mo Mentor');
    expect(detail.body).toContain('&lt;script&gt;');
    expect(detail.body).not.toContain('<script>');
    expect((await visitor.get(`${base}/mentorships?status=NOPE`)).statusCode).toBe(400);
  });

  it('downloads CSV exports as attachments, audited', async () => {
    const response = await visitor.get(`${base}/exports/members.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="community-${community.id}-members.csv"`);
    expect(response.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^id,name,/);
    expect(response.body).toContain('Olive Owner');
    for (const name of ['mentorships', 'sessions']) expect((await visitor.get(`${base}/exports/${name}.csv`)).statusCode).toBe(200);
    expect(await auditActions()).toContain('data.exported');
  });

  it('shows the audit log with who did what', async () => {
    const page = await visitor.get(`${base}/audit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('member.approved');
    expect(page.body).toContain('Olive Owner');
  });
});
