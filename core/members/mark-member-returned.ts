import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import type { MemberStatus } from '../store/database.js';

/**
 * Someone who had left the server or workspace joined it again (a platform
 * event, so the system actor): a LEFT member comes back as a new arrival would
 * (ACTIVE, or PENDING_APPROVAL when the community approves members), with
 * their profile as they left it. Anyone else is left alone, and nobody is
 * created: people join the program with the join command, not the server.
 */
export async function markMemberReturned(
  deps: CoreDeps,
  actor: Actor,
  input: { communityId: number; platformUserId: string },
): Promise<Outcome<{ memberId: number | null; status: MemberStatus | null }>> {
  const denied = authorize(actor, 'members.mark-returned');
  if (denied) return denied;
  const { settings } = await requireCommunity(deps.db, input.communityId);
  const now = deps.clock.now();
  const returned = await deps.db
    .updateTable('members')
    .set({ status: settings.newMembersNeedAdminApproval ? 'PENDING_APPROVAL' : 'ACTIVE', left_at: null, updated_at: now })
    .where('community_id', '=', input.communityId)
    .where('platform_user_id', '=', input.platformUserId)
    .where('status', '=', 'LEFT')
    .returning(['id', 'status'])
    .executeTakeFirst();
  return ok({ memberId: returned?.id ?? null, status: returned?.status ?? null });
}
