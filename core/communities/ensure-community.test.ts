import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { actorFor, expectOk, makeCommunity, makeMember } from '../../test/builders.js';
import { systemActor } from '../access/actor.js';
import { resolveActor } from '../access/resolve-actor.js';
import { defaultSkills } from '../skills/default-skills.js';
import { ensureCommunity } from './ensure-community.js';

const guild = { platform: 'discord' as const, name: 'Rust Meetup', ownerPlatformUserId: 'owner-1', ownerDisplayName: 'Olga' };

describe('ensureCommunity', () => {
  const database = useTestDatabase();

  it('creates the community with default settings, the skills catalog and its first owner', async () => {
    const { community, created, ownerMemberId } = expectOk(await ensureCommunity(database, systemActor, { ...guild, externalId: 'G-first' }));
    expect(created).toBe(true);
    expect(community).toMatchObject({ platform: 'discord', externalId: 'G-first', name: 'Rust Meetup', status: 'ACTIVE' });
    expect(community.settings.mentorshipLength.defaultWeeks).toBe(12);

    const skills = await database.db.selectFrom('skills').select(['name', 'slug', 'category']).where('community_id', '=', community.id).orderBy('id').execute();
    expect(skills).toEqual(defaultSkills.map((skill) => ({ ...skill })));
    const owner = await resolveActor(database.db, { communityId: community.id, platformUserId: 'owner-1' });
    expect(owner).toMatchObject({ memberId: ownerMemberId, role: 'OWNER', status: 'ACTIVE' });
  });

  it('returns the existing community on later and concurrent calls, creating it once', async () => {
    const calls = await Promise.all([1, 2, 3, 4].map(() => ensureCommunity(database, systemActor, { ...guild, externalId: 'G-race' })));
    const values = calls.map((call) => (call.ok ? call.value : null));
    expect(values.filter((value) => value?.created)).toHaveLength(1);
    expect(new Set(values.map((value) => value?.community.id)).size).toBe(1);
    const again = await ensureCommunity(database, systemActor, { ...guild, externalId: 'G-race', name: 'Renamed', ownerPlatformUserId: 'someone-else' });
    expect(again.ok && again.value).toMatchObject({ created: false, ownerMemberId: null, community: { name: 'Rust Meetup' } });
    const counts = await database.db
      .selectFrom('members')
      .innerJoin('communities', 'communities.id', 'members.community_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('communities.external_id', '=', 'G-race')
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(1);
  });

  it('is for the system, not for members', async () => {
    const community = await makeCommunity(database.db);
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
    const outcome = await ensureCommunity(database, owner, { ...guild, externalId: 'G-member' });
    expect(outcome.ok ? null : outcome.problem.code).toBe('forbidden');
  });
});
