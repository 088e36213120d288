import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, makeMentorship, makeSkill, type BuiltCommunity, type BuiltMember } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { buildWebApp, fileReport, signedIn, Visitor } from '../../../test/web-admin.js';

/**
 * The gates every `/c/:communityId` route shares, route by route: no session
 * goes to the sign-in page, another community's id is 404, and a POST without
 * its CSRF token is 403. Paths use `:c` for the community and ids of rows in it.
 */
describe('community routes: the gates', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;
  let mine: BuiltCommunity;
  let theirs: BuiltCommunity;
  let owner: BuiltMember;
  let ids: Record<string, number>;

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
    mine = await makeCommunity(database.db, { name: 'Mine' });
    theirs = await makeCommunity(database.db, { name: 'Theirs' });
    owner = await makeMember(database.db, mine, { role: 'OWNER' });
    // The same person owns nothing in the other community; its rows exist, so a 404 there is the gate's, not a missing row's.
    const member = await makeMember(database.db, theirs, { status: 'PENDING_APPROVAL' });
    const mentor = await makeMember(database.db, theirs, { role: 'ADMIN' });
    const mentorship = await makeMentorship(database.db, theirs, { mentor, mentee: await makeMember(database.db, theirs) });
    const skill = await makeSkill(database.db, theirs);
    const letter = await database.db.insertInto('outbox').values({ community_id: theirs.id, kind: 'dm', payload: '{}', dedupe_key: 'gate-letter', status: 'DEAD' }).returning('id').executeTakeFirstOrThrow();
    const waiting = await makeMentorship(database.db, theirs, { mentor: await makeMember(database.db, theirs), mentee: await makeMember(database.db, theirs), status: 'AWAITING_APPROVAL' });
    const ended = await makeMentorship(database.db, theirs, { mentor: await makeMember(database.db, theirs), mentee: await makeMember(database.db, theirs), status: 'CANCELLED' });
    const report = await fileReport(database.db, clock, member, { memberId: mentor.id });
    const round = await database.db.insertInto('matching_rounds').values({ community_id: theirs.id, scheduled_for: new Date('2026-03-09T10:00:00Z') }).returning('id').executeTakeFirstOrThrow();
    ids = { member: member.id, mentorship: mentorship.id, skill: skill.id, letter: letter.id, admin: mentor.id, waiting: waiting.id, ended: ended.id, report, round: round.id };
  });
  afterAll(() => app.close());

  const gets = [
    '', '/members', '/requests', '/mentorships', '/mentorships/:mentorship', '/reports', '/reports/:report', '/dead-letters', '/audit', '/exports', '/exports/members.csv',
    '/settings', '/skills', '/admins', '/rounds', '/rounds/:round', '/rounds/:round/preview', '/danger-zone',
  ];
  const posts = [
    '/members/:member/approve', '/members/:member/suspend', '/members/:member/reinstate', '/dead-letters/:letter/retry', '/settings', '/skills',
    '/skills/:skill/rename', '/skills/:skill/archive', '/admins', '/admins/:admin/revoke',
    '/requests/:waiting/approve', '/requests/:waiting/decline', '/mentorships/:mentorship/cancel', '/mentorships/:ended/reactivate',
    '/mentorships/:mentorship/complete', '/mentorships/:mentorship/extend',
    '/reports/:report/assign', '/reports/:report/note', '/reports/:report/warn', '/reports/:report/suspend', '/reports/:report/cancel-mentorship', '/reports/:report/resolve',
    '/rounds/preview', '/rounds/:round/run', '/danger-zone/export', '/danger-zone/uninstall',
  ];
  const url = (community: BuiltCommunity, path: string) => `/c/${community.id}${path.replace(/:(\w+)/g, (_, name: string) => String(ids[name]))}`;

  it.each(gets)('GET %s without a session goes to the sign-in page', async (path) => {
    const response = await new Visitor(app).get(url(theirs, path));
    expect([response.statusCode, response.headers.location]).toEqual([303, '/login']);
  });

  it.each(posts)('POST %s without a session goes to the sign-in page', async (path) => {
    const response = await new Visitor(app).post(url(theirs, path), { reason: 'x' });
    expect([response.statusCode, response.headers.location]).toEqual([303, '/login']);
  });

  it.each(gets)('GET %s of another community is 404', async (path) => {
    const visitor = await signedIn(app, database.db, clock, mine, owner);
    const response = await visitor.get(url(theirs, path));
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
  });

  it.each(posts)('POST %s of another community is 404, and changes nothing', async (path) => {
    const visitor = await signedIn(app, database.db, clock, mine, owner);
    const response = await visitor.submit(`/c/${mine.id}`, url(theirs, path), { reason: 'Spam', name: 'Renamed', memberId: String(ids.member), role: 'ADMIN', endDate: '2026-08-01', confirmName: 'Theirs' });
    expect(response.statusCode).toBe(404);
  });

  it('answers 404 for another community’s ids under one’s own community, and changes nothing', async () => {
    const visitor = await signedIn(app, database.db, clock, mine, owner);
    const own = (path: string) => url(mine, path);
    for (const path of ['/mentorships/:mentorship', '/rounds/:round', '/rounds/:round/preview']) expect((await visitor.get(own(path))).statusCode, path).toBe(404);
    for (const path of ['/mentorships/:mentorship/complete', '/mentorships/:mentorship/extend', '/rounds/:round/run']) {
      expect((await visitor.submit(`/c/${mine.id}`, own(path), { endDate: '2026-08-01' })).statusCode, path).toBe(404);
    }
    const mentorship = await database.db.selectFrom('mentorships').select(['status', 'end_date']).where('id', '=', ids.mentorship!).executeTakeFirstOrThrow();
    expect(mentorship).toEqual({ status: 'ACCEPTED', end_date: '2026-06-30' });
    const round = await database.db.selectFrom('matching_rounds').select('status').where('id', '=', ids.round!).executeTakeFirstOrThrow();
    expect(round.status).toBe('SCHEDULED');
    const theirsNow = await database.db.selectFrom('communities').select('status').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(theirsNow.status).toBe('ACTIVE');
  });

  it.each(posts)('POST %s without the CSRF token is 403', async (path) => {
    const visitor = await signedIn(app, database.db, clock, mine, owner);
    const response = await visitor.submit(`/c/${mine.id}`, url(mine, path.replace(/:\w+/, '1')), { reason: 'Spam' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired or did not come from this site');
  });

  it('refuses a CSRF token from another session', async () => {
    const first = await signedIn(app, database.db, clock, mine, owner);
    const page = await first.get(`/c/${mine.id}/skills`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const second = await signedIn(app, database.db, clock, mine, owner);
    for (const [name, value] of first.jar.header().split('; ').map((pair) => pair.split('=') as [string, string])) if (name === 'mentor_csrf') second.jar.set(name, value);
    const response = await second.post(`/c/${mine.id}/skills`, { _csrf: token, name: 'Stolen' });
    expect(response.statusCode).toBe(403);
  });

  it('is 404 for ids that are not numbers, and for a community that does not exist', async () => {
    const visitor = await signedIn(app, database.db, clock, mine, owner);
    for (const path of ['/c/abc', '/c/0/members', '/c/99999999', `/c/${mine.id}/mentorships/abc`, `/c/${mine.id}/exports/secrets.csv`]) {
      expect((await visitor.get(path)).statusCode, path).toBe(404);
    }
  });

  it('stops a member whose admin role was revoked at their next request', async () => {
    const admin = await makeMember(database.db, mine, { role: 'ADMIN' });
    const visitor = await signedIn(app, database.db, clock, mine, admin);
    expect((await visitor.get(`/c/${mine.id}/members`)).statusCode).toBe(200);
    await database.db.updateTable('members').set({ role: 'REGULAR' }).where('id', '=', admin.id).execute();
    expect((await visitor.get(`/c/${mine.id}/members`)).statusCode).toBe(404);
  });

  it('shows owner pages to owners only: an admin gets 403 and no link to them', async () => {
    const admin = await makeMember(database.db, mine, { role: 'ADMIN' });
    const visitor = await signedIn(app, database.db, clock, mine, admin);
    const dashboard = await visitor.get(`/c/${mine.id}`);
    expect(dashboard.body).not.toContain(`/c/${mine.id}/settings`);
    expect(dashboard.body).not.toContain(`/c/${mine.id}/danger-zone`);
    for (const path of ['/settings', '/admins', '/danger-zone']) expect((await visitor.get(`/c/${mine.id}${path}`)).statusCode).toBe(403);
    expect((await visitor.submit(`/c/${mine.id}`, `/c/${mine.id}/settings`, { programName: 'Mine now' })).statusCode).toBe(403);
    const exported = await visitor.submit(`/c/${mine.id}`, `/c/${mine.id}/danger-zone/export`);
    expect([exported.statusCode, exported.headers['content-disposition']]).toEqual([403, undefined]);
    expect((await visitor.submit(`/c/${mine.id}`, `/c/${mine.id}/danger-zone/uninstall`, { confirmName: 'Mine' })).statusCode).toBe(403);
    expect((await database.db.selectFrom('communities').select('status').where('id', '=', mine.id).executeTakeFirstOrThrow()).status).toBe('ACTIVE');
  });
});
