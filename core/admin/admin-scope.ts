import type { Kysely } from 'kysely';
import type { KnownMemberActor } from '../access/actor.js';
import type { Database, MemberRole } from '../store/database.js';
import type { AdminPerson } from './web-sessions.js';

/** A community the signed-in person may administer. */
export interface AdministeredCommunity {
  readonly id: number;
  readonly name: string;
  readonly role: MemberRole;
}

/**
 * The communities where the person is an ACTIVE admin or owner, by name.
 * Read on every request, never cached in the session: a revoked admin loses
 * access on their next click.
 */
export async function listAdministeredCommunities(db: Kysely<Database>, person: AdminPerson): Promise<AdministeredCommunity[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('communities', 'communities.id', 'members.community_id')
    .select(['communities.id', 'communities.name', 'members.role'])
    .where('communities.platform', '=', person.platform)
    .where('communities.status', '=', 'ACTIVE')
    .where('members.platform_user_id', '=', person.platformUserId)
    .where('members.status', '=', 'ACTIVE')
    .where('members.role', 'in', ['ADMIN', 'OWNER'])
    .where('members.erased_at', 'is', null)
    .orderBy('communities.name')
    .orderBy('communities.id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role }));
}

/**
 * The actor the person is in one community, when they administer it; null
 * otherwise, which the site answers with 404 so ids of other communities
 * reveal nothing. Use cases still check the policy table with this actor.
 */
export async function resolveAdminActor(
  db: Kysely<Database>,
  person: AdminPerson,
  communityId: number,
): Promise<{ actor: KnownMemberActor; community: AdministeredCommunity; displayName: string } | null> {
  const row = await db
    .selectFrom('members')
    .innerJoin('communities', 'communities.id', 'members.community_id')
    .select(['members.id', 'members.role', 'members.status', 'members.display_name', 'communities.name'])
    .where('communities.id', '=', communityId)
    .where('communities.platform', '=', person.platform)
    .where('communities.status', '=', 'ACTIVE')
    .where('members.platform_user_id', '=', person.platformUserId)
    .where('members.erased_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.status !== 'ACTIVE' || (row.role !== 'ADMIN' && row.role !== 'OWNER')) return null;
  return {
    actor: { kind: 'member', communityId, memberId: row.id, platformUserId: person.platformUserId, role: row.role, status: row.status },
    community: { id: communityId, name: row.name, role: row.role },
    displayName: row.display_name,
  };
}
