import type { Kysely } from 'kysely';
import type { CommunitySettings } from '../communities/settings.js';
import type { Database, MemberRole, MemberStatus } from '../store/database.js';

export interface EnsuredMember {
  readonly memberId: number;
  readonly status: MemberStatus;
  readonly role: MemberRole;
  readonly created: boolean;
}

/**
 * The member row for someone the bot meets, created on first meeting: ACTIVE,
 * or PENDING_APPROVAL when the community approves new members (owners never
 * wait). An existing row is returned as it is. Safe under races: the unique
 * (community, platform user) pair decides, and the loser reads the winner's row.
 */
export async function ensureMember(
  db: Kysely<Database>,
  settings: CommunitySettings,
  input: { communityId: number; platformUserId: string; displayName: string; role?: MemberRole },
): Promise<EnsuredMember> {
  const arrivalStatus: MemberStatus = settings.newMembersNeedAdminApproval && input.role !== 'OWNER' ? 'PENDING_APPROVAL' : 'ACTIVE';
  const inserted = await db
    .insertInto('members')
    .values({
      community_id: input.communityId,
      platform_user_id: input.platformUserId,
      display_name: input.displayName.slice(0, 100),
      role: input.role ?? 'REGULAR',
      status: arrivalStatus,
    })
    .onConflict((conflict) => conflict.columns(['community_id', 'platform_user_id']).doNothing())
    .returning(['id', 'role', 'status'])
    .executeTakeFirst();
  if (inserted) return { memberId: inserted.id, role: inserted.role, status: inserted.status, created: true };

  const existing = await db
    .selectFrom('members')
    .select(['id', 'role', 'status'])
    .where('community_id', '=', input.communityId)
    .where('platform_user_id', '=', input.platformUserId)
    .executeTakeFirstOrThrow();
  return { memberId: existing.id, role: existing.role, status: existing.status, created: false };
}
