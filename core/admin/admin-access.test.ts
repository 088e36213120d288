import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { listAdministeredCommunities, resolveAdminActor } from './admin-scope.js';
import { createLoginLink, loginLinkLifetimeMs } from './create-login-link.js';
import { inspectLoginLink, redeemLoginLink } from './redeem-login-link.js';
import { hashToken } from './secret-token.js';
import { findWebSession, revokeWebSession, startWebSession, webSessionIdleMs } from './web-sessions.js';

const tokenOf = (url: string) => url.split('/login/')[1] ?? '';

describe('admin sign-in', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('makes a single-use link for staff, storing only the hash of its token', async () => {
    const community = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const link = expectOk(await createLoginLink(deps(), actorFor(admin), { publicUrl: 'https://mentor.example.org/' }));
    expect(link.url).toMatch(/^https:\/\/mentor\.example\.org\/login\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime() - clock.now().getTime()).toBe(loginLinkLifetimeMs);
    const rows = await database.db.selectFrom('login_links').select(['token_hash', 'member_id']).where('member_id', '=', admin.id).execute();
    expect(rows).toEqual([{ token_hash: hashToken(tokenOf(link.url)), member_id: admin.id }]);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link.url));
  });

  it('refuses regular members', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community);
    expect(expectProblem(await createLoginLink(deps(), actorFor(member), { publicUrl: 'https://x.test' })).code).toBe('forbidden');
  });

  it('signs in once; a second use, an expired link and an unknown one say so', async () => {
    const community = await makeCommunity(database.db);
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    const token = tokenOf(expectOk(await createLoginLink(deps(), actorFor(owner), { publicUrl: 'https://x.test' })).url);
    expect(await inspectLoginLink(deps(), token)).toBe('valid');
    const signIn = expectOk(await redeemLoginLink(deps(), { token }));
    expect(signIn).toMatchObject({ communityId: community.id, person: { platform: 'discord', platformUserId: owner.platformUserId } });
    expect(await inspectLoginLink(deps(), token)).toBe('used');
    expect(expectProblem(await redeemLoginLink(deps(), { token })).code).toBe('already-done');

    const stale = tokenOf(expectOk(await createLoginLink(deps(), actorFor(owner), { publicUrl: 'https://x.test' })).url);
    const later = { db: database.db, clock: fixedClock(new Date(clock.now().getTime() + loginLinkLifetimeMs + 1)) };
    expect(await inspectLoginLink(later, stale)).toBe('expired');
    expect(expectProblem(await redeemLoginLink(later, { token: stale })).code).toBe('wrong-state');
    expect(await inspectLoginLink(deps(), 'x'.repeat(43))).toBe('unknown');
    expect(expectProblem(await redeemLoginLink(deps(), { token: 'not-a-token' })).code).toBe('not-found');
  });

  it('refuses a link whose member stopped being an admin since', async () => {
    const community = await makeCommunity(database.db);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const token = tokenOf(expectOk(await createLoginLink(deps(), actorFor(admin), { publicUrl: 'https://x.test' })).url);
    await database.db.updateTable('members').set({ role: 'REGULAR' }).where('id', '=', admin.id).execute();
    expect(expectProblem(await redeemLoginLink(deps(), { token })).code).toBe('forbidden');
    expect(await inspectLoginLink(deps(), token)).toBe('used');
  });

  it('keeps sessions server-side: sliding expiry, revocable', async () => {
    const person = { platform: 'slack' as const, platformUserId: 'U-session' };
    const started = await startWebSession(database.db, person, clock.now());
    const stored = await database.db.selectFrom('web_sessions').select('token_hash').where('platform_user_id', '=', 'U-session').executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(started.token));

    const hourLater = new Date(clock.now().getTime() + 3600_000);
    const found = await findWebSession(database.db, started.token, hourLater);
    expect(found?.person).toEqual(person);
    expect(found?.expiresAt.getTime()).toBe(hourLater.getTime() + webSessionIdleMs);
    expect(await findWebSession(database.db, started.token, new Date(hourLater.getTime() + webSessionIdleMs + 1))).toBeNull();

    await revokeWebSession(database.db, started.token, hourLater);
    expect(await findWebSession(database.db, started.token, hourLater)).toBeNull();
    expect(await findWebSession(database.db, 'garbage', hourLater)).toBeNull();
  });

  it('scopes a person to the communities where they are an active admin or owner, on the same platform', async () => {
    const person = { platform: 'discord' as const, platformUserId: 'U-scope' };
    const [owned, administered, regular, suspended] = [await makeCommunity(database.db, { name: 'A' }), await makeCommunity(database.db, { name: 'B' }), await makeCommunity(database.db, { name: 'C' }), await makeCommunity(database.db, { name: 'D' })];
    const slack = await makeCommunity(database.db, { name: 'E', platform: 'slack' });
    await makeMember(database.db, owned, { platformUserId: 'U-scope', role: 'OWNER' });
    await makeMember(database.db, administered, { platformUserId: 'U-scope', role: 'ADMIN' });
    await makeMember(database.db, regular, { platformUserId: 'U-scope' });
    await makeMember(database.db, suspended, { platformUserId: 'U-scope', role: 'ADMIN', status: 'SUSPENDED' });
    await makeMember(database.db, slack, { platformUserId: 'U-scope', role: 'OWNER' });

    expect((await listAdministeredCommunities(database.db, person)).map((community) => community.id)).toEqual([owned.id, administered.id]);
    expect((await resolveAdminActor(database.db, person, administered.id))?.actor).toMatchObject({ communityId: administered.id, role: 'ADMIN', status: 'ACTIVE' });
    for (const community of [regular, suspended, slack]) expect(await resolveAdminActor(database.db, person, community.id)).toBeNull();
  });
});
