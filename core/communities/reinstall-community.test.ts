import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.js';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { findCommunity } from './community.repository.js';
import { reinstallCommunity } from './reinstall-community.js';
import { uninstallCommunity } from './uninstall-community.js';

describe('reinstallCommunity', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  const deps = () => ({ db: database.db, clock });
  const auditOf = (communityId: number) =>
    database.db.selectFrom('audit_log').select(['action', 'actor_member_id', 'target_id', 'details']).where('community_id', '=', communityId).where('action', '=', 'community.reinstalled').execute();

  it('undoes an owner’s uninstall: ACTIVE again, the uninstall cleared, recorded as the system’s', async () => {
    const community = await makeCommunity(database.db, { name: 'Back again' });
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    expectOk(await uninstallCommunity(deps(), actorFor(owner), { confirmName: 'Back again' }));
    expect((await findCommunity(database.db, community.id))?.uninstalledAt).toEqual(clock.now());

    clock.set('2026-03-09T08:00:00Z');
    expect(expectOk(await reinstallCommunity(deps(), systemActor, { communityId: community.id, cause: 'discord.bot-added' }))).toEqual({ reinstalled: true, wasUninstalled: true });
    expect(await findCommunity(database.db, community.id)).toMatchObject({ status: 'ACTIVE', uninstalledAt: null });
    expect(await auditOf(community.id)).toEqual([
      { action: 'community.reinstalled', actor_member_id: null, target_id: String(community.id), details: { cause: 'discord.bot-added', why: 'the bot was added to the server again', wasUninstalled: true } },
    ]);

    // Once on, again is a no-op, recorded nowhere.
    expect(expectOk(await reinstallCommunity(deps(), systemActor, { communityId: community.id, cause: 'operator' }))).toEqual({ reinstalled: false, wasUninstalled: false });
    expect(await auditOf(community.id)).toHaveLength(1);
  });

  it('brings back a community that had lost the bot’s access, saying it was not uninstalled', async () => {
    const community = await makeCommunity(database.db, { platform: 'slack', status: 'INACTIVE' });
    expect(expectOk(await reinstallCommunity(deps(), systemActor, { communityId: community.id, cause: 'slack.token-works' }))).toEqual({ reinstalled: true, wasUninstalled: false });
    expect((await findCommunity(database.db, community.id))?.status).toBe('ACTIVE');
  });

  it('answers not-found for an unknown id, and refuses members, even owners', async () => {
    expect(expectProblem(await reinstallCommunity(deps(), systemActor, { communityId: 987_654, cause: 'operator' })).code).toBe('not-found');
    const community = await makeCommunity(database.db, { status: 'INACTIVE' });
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    expect(expectProblem(await reinstallCommunity(deps(), actorFor(owner), { communityId: community.id, cause: 'operator' })).code).toBe('forbidden');
    expect((await findCommunity(database.db, community.id))?.status).toBe('INACTIVE');
  });

  it('is held by the database: an ACTIVE community cannot carry an uninstall', async () => {
    const community = await makeCommunity(database.db);
    await expect(database.db.updateTable('communities').set({ uninstalled_at: clock.now() }).where('id', '=', community.id).execute()).rejects.toThrow(/communities_uninstalled_inactive/);
  });
});
