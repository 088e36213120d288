import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { ModalSpec } from '../reply.js';
import { localToday } from './calendar.js';
import { allowedEndDates, requestForm } from './request-form.js';

/** The request form for one member, its end date prefilled with the community's default length. */
export async function openRequestForm(deps: CoreDeps, actor: Actor, input: { receiverMemberId: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'request.send');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  if (input.receiverMemberId === memberId) return fail('invalid-input', 'You cannot send a request to yourself.');
  const receiver = await findMember(deps.db, communityId, input.receiverMemberId);
  if (!receiver || receiver.erasedAt || receiver.status !== 'ACTIVE') return fail('not-found', 'That member is not in the mentorship program.');
  const community = await requireCommunity(deps.db, communityId);
  const { suggested } = allowedEndDates(localToday(deps.clock.now(), community.timezone), community.settings);
  return ok(requestForm(receiver.id, receiver.displayName, suggested));
}
