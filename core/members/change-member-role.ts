import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import type { MemberRole } from '../store/database.js';
import { findMember, updateMember } from './member.repository.js';
import { countOtherActiveOwners } from './other-active-owners.js';

const changeRoleInput = z.object({ memberId: z.int().positive(), role: z.enum(['REGULAR', 'ADMIN', 'OWNER'], 'Choose REGULAR, ADMIN or OWNER.') });

const roleNames: Record<MemberRole, string> = { REGULAR: 'a regular member', ADMIN: 'an admin', OWNER: 'an owner' };

/**
 * An owner grants or revokes admin (or owner) rights. The community always
 * keeps at least one active owner, so the last one cannot step down; only
 * active members of this community can be given a role. The member is told.
 */
export async function changeMemberRole(deps: CoreDeps, actor: Actor, input: { memberId: number; role: MemberRole }): Promise<Outcome<{ memberId: number; role: MemberRole; previousRole: MemberRole }>> {
  const auth = authorizeMember(actor, 'members.change-role');
  if (!auth.ok) return auth;
  const parsed = changeRoleInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { memberId, role } = parsed.data;
  const { communityId } = auth.value;

  return deps.db.transaction().execute(async (trx) => {
    const target = await findMember(trx, communityId, memberId, { lock: true });
    if (!target || target.erasedAt) return fail('not-found', 'That member is not in this community.');
    if (target.role === role) return fail('already-done', `They are already ${roleNames[role]}.`);
    if (target.status !== 'ACTIVE' && role !== 'REGULAR') return fail('wrong-state', 'Only active members can be given a role.');
    if (target.role === 'OWNER' && (await countOtherActiveOwners(trx, communityId, memberId)) === 0) {
      return fail('last-owner', 'This is the only active owner. Make another member owner first.');
    }
    const now = deps.clock.now();
    await updateMember(trx, communityId, memberId, { role }, now);
    await trx.insertInto('audit_log').values({
      community_id: communityId, actor_member_id: auth.value.memberId, action: 'member.role-changed', target_type: 'member', target_id: String(memberId),
      details: JSON.stringify({ from: target.role, to: role }),
    }).execute();
    await enqueue(trx, {
      communityId,
      kind: 'dm',
      payload: { recipientMemberId: memberId, message: privateMessage([`You are now ${roleNames[role]} of this mentorship program.`], { title: 'Your role changed' }) },
      dedupeKey: `role:${memberId}:${role}:${now.toISOString()}`,
    });
    return ok({ memberId, role, previousRole: target.role });
  });
}
