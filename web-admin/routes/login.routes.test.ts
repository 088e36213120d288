import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, expectOk, fixedClock, makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { createLoginLink, loginLinkLifetimeMs } from '../../core/admin/create-login-link.js';
import { buildWebApp, Visitor } from '../../test/web-admin.js';

describe('signing in with a link', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock, publicUrl: 'http://admin.test' });
  });
  afterAll(() => app.close());

  async function linkFor(role: 'ADMIN' | 'OWNER' = 'OWNER') {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community, { role });
    const link = expectOk(await createLoginLink({ db: database.db, clock }, actorFor(member), { publicUrl: 'http://admin.test' }));
    return { community, member, path: new URL(link.url).pathname };
  }

  it('sends visitors without a session to the sign-in page, which explains how to get a link', async () => {
    const home = await new Visitor(app).get('/');
    expect([home.statusCode, home.headers.location]).toEqual([303, '/login']);
    const login = await new Visitor(app).get('/login');
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('/mentor admin');
  });

  it('shows a button for a valid link (a link preview must not use it), then signs in once', async () => {
    const { community, path } = await linkFor();
    const visitor = new Visitor(app);
    const page = await visitor.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="${path}"`);
    expect((await visitor.get(path)).statusCode).toBe(200);

    const signIn = await visitor.submit(path, path);
    expect([signIn.statusCode, signIn.headers.location]).toEqual([303, `/c/${community.id}`]);
    const cookie = signIn.cookies.find((entry) => entry.name === 'mentor_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect((await visitor.get(`/c/${community.id}`)).statusCode).toBe(200);

    const again = await new Visitor(app).get(path);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link was already used');
    // Any page's token will do for a visitor; the used link's page has no form any more.
    const reuse = await new Visitor(app).submit(`/p/${community.id}/contact`, path);
    expect(reuse.statusCode).toBe(410);
  });

  it('says so when a link has expired, or never existed', async () => {
    const { path } = await linkFor('ADMIN');
    const later = await buildWebApp({ db: database.db, clock: fixedClock(new Date(clock.now().getTime() + loginLinkLifetimeMs + 1000)) });
    const expired = await new Visitor(later).get(path);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    await later.close();
    const unknown = await new Visitor(app).get(`/login/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link is not valid');
  });

  it('refuses to sign in without the CSRF token', async () => {
    const { path } = await linkFor();
    const visitor = new Visitor(app);
    expect((await visitor.submit(path, path, {}, { csrf: false })).statusCode).toBe(403);
  });

  it('signs out: the session is revoked server-side, so the old cookie opens nothing', async () => {
    const { community, path } = await linkFor();
    const visitor = new Visitor(app);
    await visitor.submit(path, path);
    const stolenCookie = visitor.jar.header();
    const signOut = await visitor.submit(`/c/${community.id}`, '/logout');
    expect([signOut.statusCode, signOut.headers.location]).toEqual([303, '/login?done=signed-out']);
    const replay = await app.inject({ method: 'GET', url: `/c/${community.id}`, headers: { cookie: stolenCookie } });
    expect([replay.statusCode, replay.headers.location]).toEqual([303, '/login']);
    expect((await visitor.get('/login?done=signed-out')).body).toContain('You are signed out.');
  });

  it('uses Secure cookies with the __Host- prefix behind https', async () => {
    const secure = await buildWebApp({ db: database.db, clock, publicUrl: 'https://admin.example.org' });
    const { path } = await linkFor();
    const visitor = new Visitor(secure);
    const page = await visitor.get(path);
    expect(page.cookies.find((entry) => entry.name === '__Host-mentor_csrf')?.secure).toBe(true);
    expect(page.headers['strict-transport-security']).toContain('max-age=');
    const signIn = await visitor.submit(path, path);
    expect(signIn.cookies.find((entry) => entry.name === '__Host-mentor_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    await secure.close();
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await buildWebApp({ db: database.db, clock });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await limited.inject({ method: 'GET', url: `/login/${'B'.repeat(43)}` })).statusCode);
    expect(statuses.slice(0, 10).every((status) => status === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    await limited.close();
  });
});
