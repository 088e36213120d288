import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.js';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { setCommunityStatus } from './set-community-status.js';

const database = useTestDatabase();
const clock = fixedClock('2026-02-01T10:00:00Z');

describe('setCommunityStatus', () => {
  it('marks a community INACTIVE and ACTIVE again for the platform, saying whether it changed', async () => {
    const community = await makeCommunity(database.db, { platform: 'slack', externalId: 'T-status' });
    const deps = { db: database.db, clock };
    const input = { platform: 'slack' as const, externalId: 'T-status' };
    expect(expectOk(await setCommunityStatus(deps, systemActor, { ...input, status: 'INACTIVE' }))).toEqual({ communityId: community.id, changed: true });
    expect(expectOk(await setCommunityStatus(deps, systemActor, { ...input, status: 'INACTIVE' }))).toEqual({ communityId: community.id, changed: false });
    const row = await database.db.selectFrom('communities').select(['status', 'updated_at']).where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'INACTIVE', updated_at: clock.now() });
    expect(expectOk(await setCommunityStatus(deps, systemActor, { ...input, status: 'ACTIVE' })).changed).toBe(true);
  });

  it('answers null for a community it does not know, and refuses members', async () => {
    const deps = { db: database.db, clock };
    expect(expectOk(await setCommunityStatus(deps, systemActor, { platform: 'slack', externalId: 'T-unknown', status: 'INACTIVE' }))).toEqual({ communityId: null, changed: false });
    const community = await makeCommunity(database.db, { platform: 'slack', externalId: 'T-owner' });
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    expect(expectProblem(await setCommunityStatus(deps, actorFor(owner), { platform: 'slack', externalId: 'T-owner', status: 'INACTIVE' })).code).toBe('forbidden');
  });
});
