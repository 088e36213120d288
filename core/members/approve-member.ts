import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import { findMember, updateMember } from './member.repository.js';

/** An admin approves a member waiting for approval: they become ACTIVE, appear in matching, and are told. */
export async function approveMember(deps: CoreDeps, actor: Actor, input: { memberId: number }): Promise<Outcome<{ memberId: number }>> {
  const auth = authorizeMember(actor, 'members.approve');
  if (!auth.ok) return auth;
  const { communityId } = auth.value;
  return deps.db.transaction().execute(async (trx) => {
    const target = await findMember(trx, communityId, input.memberId, { lock: true });
    if (!target || target.erasedAt) return fail('not-found', 'That member is not in this community.');
    if (target.status === 'ACTIVE') return fail('already-done', 'That member is already approved.');
    if (target.status !== 'PENDING_APPROVAL') return fail('wrong-state', 'Only members waiting for approval can be approved.');
    await updateMember(trx, communityId, target.id, { status: 'ACTIVE', status_reason: null }, deps.clock.now());
    await enqueue(trx, {
      communityId,
      kind: 'dm',
      payload: { recipientMemberId: target.id, message: privateMessage(['An admin approved your membership: you can now find mentors and mentees.'], { title: 'You are in' }) },
      dedupeKey: `approval:${target.id}`,
    });
    return ok({ memberId: target.id });
  });
}
