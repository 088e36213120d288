import { sql } from 'kysely';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { enqueue } from '../outbox/enqueue.js';
import { ok, type Outcome } from '../outcome.js';
import { transitionEach } from './due-mentorships.js';
import { notices } from './mentorship-messages.js';
import { toMentorship, mentorshipColumns } from './mentorship.repository.js';

/**
 * Requests nobody answered: past their expiry time they become EXPIRED and
 * the sender is told and offered the next suggestion; past half their time,
 * the receiver is nudged once (dedupe key `mentorship:${id}:expiry-nudge`),
 * so running the job again sends nothing twice.
 */
export async function expirePendingRequests(deps: CoreDeps, actor: Actor, input: { communityId: number }): Promise<Outcome<{ expired: number; nudged: number }>> {
  const denied = authorize(actor, 'mentorships.expire-requests');
  if (denied) return denied;
  const now = deps.clock.now();
  const pending = deps.db.selectFrom('mentorships').where('community_id', '=', input.communityId).where('status', '=', 'PENDING').where('expires_at', 'is not', null);
  const due = await pending.select('id').where('expires_at', '<=', now).orderBy('id').execute();
  const expired = await transitionEach(deps.db, input.communityId, due.map((row) => row.id), 'expire', 'PENDING', now);

  const halfway = await pending
    .select(mentorshipColumns)
    .where('expires_at', '>', now)
    .where(sql<boolean>`created_at + (expires_at - created_at) / 2 <= ${now}`)
    .orderBy('id')
    .execute();
  let nudged = 0;
  for (const row of halfway) {
    const request = toMentorship(row);
    if (request.receiverId === null) continue;
    const sender = request.senderId === null ? null : await findMember(deps.db, input.communityId, request.senderId);
    const queued = await enqueue(deps.db, {
      communityId: input.communityId,
      kind: 'dm',
      payload: { recipientMemberId: request.receiverId, message: notices.expiryNudge(request, sender) },
      dedupeKey: `mentorship:${request.id}:expiry-nudge`,
    });
    if (queued) nudged++;
  }
  return ok({ expired, nudged });
}
