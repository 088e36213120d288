import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { endMemberMentorships, openRequestStatuses } from '../mentorships/end-member-mentorships.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate } from '../reply.js';
import { findMember, updateMember } from './member.repository.js';
import { outranks } from './role-rank.js';

const suspendInput = z.object({
  memberId: z.int().positive(),
  reason: z.string().trim().min(1, 'Say why, for the other admins.').max(500, 'Keep the reason under 500 characters.'),
});

/**
 * An admin suspends a member: hidden from matching, left with help and data
 * export only. Their open requests are withdrawn, and the other side is told
 * the request was withdrawn (never why). Running mentorships are left to the
 * admin to decide. Admins suspend regular members; owners, admins too.
 */
export async function suspendMember(deps: CoreDeps, actor: Actor, input: { memberId: number; reason: string }): Promise<Outcome<{ memberId: number; withdrawnRequests: number }>> {
  const auth = authorizeMember(actor, 'members.suspend');
  if (!auth.ok) return auth;
  const parsed = suspendInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { communityId } = auth.value;

  return deps.db.transaction().execute(async (trx) => {
    const target = await findMember(trx, communityId, parsed.data.memberId, { lock: true });
    if (!target || target.erasedAt) return fail('not-found', 'That member is not in this community.');
    if (!outranks(auth.value.role, target.role)) return fail('forbidden', 'You can only suspend members with a lower role than yours.');
    if (target.status === 'SUSPENDED') return fail('already-done', 'That member is already suspended.');
    if (target.status === 'LEFT') return fail('wrong-state', 'That member has left the community.');
    const now = deps.clock.now();
    await updateMember(trx, communityId, target.id, { status: 'SUSPENDED', status_reason: parsed.data.reason }, now);
    const withdrawn = await endMemberMentorships(trx, {
      communityId,
      memberId: target.id,
      from: openRequestStatuses,
      to: 'WITHDRAWN',
      actor: { kind: 'ADMIN', memberId: auth.value.memberId },
      reason: 'member suspended',
      noticeKey: 'suspension',
      notice: (request) => privateMessage([`The mentorship request "${truncate(request.description, 80)}" was withdrawn: the other member is not available at the moment.`], { title: 'Request withdrawn' }),
      now,
    });
    await trx.insertInto('audit_log').values({
      community_id: communityId, actor_member_id: auth.value.memberId, action: 'member.suspended', target_type: 'member', target_id: String(target.id),
      details: JSON.stringify({ reason: parsed.data.reason }),
    }).execute();
    return ok({ memberId: target.id, withdrawnRequests: withdrawn.length });
  });
}
