import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { endMemberMentorships, openRequestStatuses } from '../mentorships/end-member-mentorships.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate } from '../reply.js';
import { findMemberByPlatformUser, updateMember } from './member.repository.js';

/**
 * Someone left the Discord server or Slack workspace (a platform event, so the
 * system actor): they become LEFT and are hidden, and their open requests are
 * withdrawn with a notice to the other side. A suspended member stays
 * SUSPENDED (only the leaving date is noted), so leaving and coming back does
 * not lift a suspension. The monthly purge deletes LEFT members later.
 */
export async function markMemberLeft(
  deps: CoreDeps,
  actor: Actor,
  input: { communityId: number; platformUserId: string },
): Promise<Outcome<{ memberId: number | null; changed: boolean }>> {
  const denied = authorize(actor, 'members.mark-left');
  if (denied) return denied;
  return deps.db.transaction().execute(async (trx) => {
    const member = await findMemberByPlatformUser(trx, input.communityId, input.platformUserId);
    if (!member || member.status === 'LEFT') return ok({ memberId: member?.id ?? null, changed: false });
    const now = deps.clock.now();
    if (member.status === 'SUSPENDED') {
      await updateMember(trx, input.communityId, member.id, { left_at: now }, now);
      return ok({ memberId: member.id, changed: true });
    }
    await updateMember(trx, input.communityId, member.id, { status: 'LEFT', left_at: now }, now);
    await endMemberMentorships(trx, {
      communityId: input.communityId,
      memberId: member.id,
      from: openRequestStatuses,
      to: 'WITHDRAWN',
      actor: { kind: 'SYSTEM', memberId: null },
      reason: 'member left the community',
      noticeKey: 'left',
      notice: (request) => privateMessage([`The mentorship request "${truncate(request.description, 80)}" was withdrawn: the other member left the community.`], { title: 'Request withdrawn' }),
      now,
    });
    return ok({ memberId: member.id, changed: true });
  });
}
