import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, makeMentorship } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { buildWebApp, fileReport, signedIn, Visitor } from '../../../test/web-admin.js';

/** The owners' danger zone on the admin site: the JSON export and the uninstall, against the real database. */
describe('community routes: danger zone', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
  });
  afterAll(() => app.close());

  const status = async (communityId: number) => (await database.db.selectFrom('communities').select('status').where('id', '=', communityId).executeTakeFirstOrThrow()).status;
  const audit = (communityId: number, action: string) =>
    database.db.selectFrom('audit_log').select(['actor_member_id', 'details']).where('community_id', '=', communityId).where('action', '=', action).execute();

  it('is linked for owners, and downloads the community’s data as a JSON attachment, audited', async () => {
    const community = await makeCommunity(database.db, { name: 'Export Me' });
    const other = await makeCommunity(database.db, { name: 'Not Mine' });
    const owner = await makeMember(database.db, community, { role: 'OWNER', displayName: 'Olive Owner' });
    const [mentor, mentee] = [await makeMember(database.db, community, { displayName: 'Mo Mentor' }), await makeMember(database.db, community)];
    await makeMentorship(database.db, community, { mentor, mentee, description: 'Learn to review code kindly' });
    await fileReport(database.db, clock, mentee, { memberId: mentor.id }, { details: 'What the report says, sealed.' });
    await makeMember(database.db, other, { displayName: 'Somebody Else' });
    const visitor = await signedIn(app, database.db, clock, community, owner);
    const base = `/c/${community.id}`;

    expect((await visitor.get(base)).body).toContain(`href="${base}/danger-zone"`);
    const page = await visitor.get(`${base}/danger-zone`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="${base}/danger-zone/export"`);
    expect(page.body).toContain('Type the community’s name to confirm: <strong>Export Me</strong>');

    const download = await visitor.submit(`${base}/danger-zone`, `${base}/danger-zone/export`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="community-${community.id}-data-2026-03-04.json"`);
    const data = JSON.parse(download.body) as { format: string; community: { id: number }; members: { displayName?: string }[]; reports: unknown[] };
    expect(data).toMatchObject({ format: 'mentorship-bot/community-data', community: { id: community.id } });
    expect(data.members.map((member) => member.displayName)).toEqual(expect.arrayContaining(['Olive Owner', 'Mo Mentor']));
    expect(download.body).toContain('Learn to review code kindly');
    expect(data.reports).toEqual([{ status: 'OPEN', category: 'HARASSMENT', count: 1 }]);
    expect(download.body).not.toContain('What the report says');
    expect(download.body).not.toContain('Somebody Else');
    expect(await audit(community.id, 'community.exported')).toEqual([{ actor_member_id: owner.id, details: {} }]);
  });

  it('uninstalls only with the name typed exactly (400 with the message by the field otherwise)', async () => {
    const community = await makeCommunity(database.db, { name: 'Keep Me' });
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    const visitor = await signedIn(app, database.db, clock, community, owner);
    const base = `/c/${community.id}`;
    const wrong = await visitor.submit(`${base}/danger-zone`, `${base}/danger-zone/uninstall`, { confirmName: 'keep me' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/id="uninstall-confirmName-error">Type the community’s name exactly as shown: Keep Me</);
    expect(wrong.body).toContain('value="keep me"');
    const empty = await visitor.submit(`${base}/danger-zone`, `${base}/danger-zone/uninstall`, { confirmName: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="uninstall-confirmName-error">Type the community’s name to confirm.</);
    expect(await status(community.id)).toBe('ACTIVE');
    expect(await audit(community.id, 'community.uninstalled')).toEqual([]);
  });

  it('uninstalls: the community closes, its mentorships end, and an owner with nothing else to administer is signed out', async () => {
    const community = await makeCommunity(database.db, { name: 'Goodbye Meetup' });
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee });
    const visitor = await signedIn(app, database.db, clock, community, owner);
    const base = `/c/${community.id}`;
    const sessionCookie = visitor.jar.header().split('; ').find((cookie) => cookie.startsWith('mentor_session='))!;

    const done = await visitor.submit(`${base}/danger-zone`, `${base}/danger-zone/uninstall`, { confirmName: 'Goodbye Meetup' });
    expect([done.statusCode, done.headers.location]).toEqual([303, '/login?done=uninstalled']);
    expect(String(done.headers['set-cookie'])).toMatch(/^mentor_session=; Max-Age=0;/);
    expect(await status(community.id)).toBe('INACTIVE');
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('CANCELLED');
    expect(await audit(community.id, 'community.uninstalled')).toEqual([{ actor_member_id: owner.id, details: expect.objectContaining({ endedMentorships: 1, signedOut: true }) }]);
    expect((await visitor.get(String(done.headers.location))).body).toContain('The community is uninstalled');
    // The session is revoked on the server, whatever a browser kept; a new one no longer opens the community.
    const kept = new Visitor(app);
    kept.jar.set('mentor_session', sessionCookie.slice('mentor_session='.length));
    const stale = await kept.get('/');
    expect([stale.statusCode, stale.headers.location]).toEqual([303, '/login']);
    const again = await signedIn(app, database.db, clock, community, owner);
    expect((await again.get(base)).statusCode).toBe(404);
  });

  it('keeps the session of an owner who still administers another community, and sends them home', async () => {
    const community = await makeCommunity(database.db, { name: 'First One' });
    const elsewhere = await makeCommunity(database.db, { name: 'Second One' });
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    await makeMember(database.db, elsewhere, { role: 'ADMIN', platformUserId: owner.platformUserId });
    const visitor = await signedIn(app, database.db, clock, community, owner);
    const base = `/c/${community.id}`;

    const done = await visitor.submit(`${base}/danger-zone`, `${base}/danger-zone/uninstall`, { confirmName: 'First One' });
    expect([done.statusCode, done.headers.location]).toEqual([303, '/?done=uninstalled']);
    const home = await visitor.get('/?done=uninstalled');
    expect(home.body).toContain('The community is uninstalled');
    expect(home.body).toContain(`href="/c/${elsewhere.id}"`);
    expect(home.body).not.toContain(`href="${base}"`);
    expect((await visitor.get(base)).statusCode).toBe(404);
    expect((await visitor.get(`/c/${elsewhere.id}`)).statusCode).toBe(200);
  });
});
