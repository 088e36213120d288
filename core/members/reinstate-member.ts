import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { findMember, updateMember } from './member.repository.js';
import { outranks } from './role-rank.js';

/** An admin lifts a suspension: the member is ACTIVE again (their withdrawn requests stay withdrawn). */
export async function reinstateMember(deps: CoreDeps, actor: Actor, input: { memberId: number }): Promise<Outcome<{ memberId: number }>> {
  const auth = authorizeMember(actor, 'members.reinstate');
  if (!auth.ok) return auth;
  const { communityId } = auth.value;
  return deps.db.transaction().execute(async (trx) => {
    const target = await findMember(trx, communityId, input.memberId, { lock: true });
    if (!target || target.erasedAt) return fail('not-found', 'That member is not in this community.');
    if (!outranks(auth.value.role, target.role)) return fail('forbidden', 'You can only reinstate members with a lower role than yours.');
    if (target.status !== 'SUSPENDED') return fail('wrong-state', 'That member is not suspended.');
    await updateMember(trx, communityId, target.id, { status: 'ACTIVE', status_reason: null }, deps.clock.now());
    await trx.insertInto('audit_log').values({ community_id: communityId, actor_member_id: auth.value.memberId, action: 'member.reinstated', target_type: 'member', target_id: String(target.id) }).execute();
    return ok({ memberId: target.id });
  });
}
