import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { MemberActor } from './actor.js';

/**
 * Who is acting, from the platform's ids: the member row in this community if
 * there is one, otherwise an UNREGISTERED actor (who may only start onboarding
 * and read the help).
 */
export async function resolveActor(db: Kysely<Database>, input: { communityId: number; platformUserId: string }): Promise<MemberActor> {
  const row = await db
    .selectFrom('members')
    .select(['id', 'role', 'status'])
    .where('community_id', '=', input.communityId)
    .where('platform_user_id', '=', input.platformUserId)
    .executeTakeFirst();
  return {
    kind: 'member',
    communityId: input.communityId,
    platformUserId: input.platformUserId,
    memberId: row?.id ?? null,
    role: row?.role ?? 'REGULAR',
    status: row?.status ?? 'UNREGISTERED',
  };
}
