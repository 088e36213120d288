import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { findMember } from '../members/member.repository.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import type { MentorshipChange } from './act-on-mentorship.js';
import { localToday } from './calendar.js';
import { isParty, otherParty } from './mentorship.js';
import { notices } from './mentorship-messages.js';
import { allowedEndDates } from './request-form.js';
import { checkTransition, lockMentorship, transition } from './transitions.js';

const extendInput = z.object({ endDate: z.iso.date('Give the date as YYYY-MM-DD, e.g. 2026-09-01.') });

/**
 * A later end date, when both sides agree. The first side to ask proposes
 * (the other gets a DM with an "Agree" button carrying the date); when the
 * other side asks for the same date, the relation is extended. A different
 * date replaces the proposal, so the pair can settle on one. The new date must
 * be after the current one and within the community's longest length from today.
 */
export async function extendMentorship(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; endDate: string }): Promise<Outcome<MentorshipChange>> {
  const auth = authorizeMember(actor, 'mentorship.extend');
  if (!auth.ok) return auth;
  const parsed = extendInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { endDate } = parsed.data;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (trx) => {
    const mentorship = await lockMentorship(trx, communityId, input.mentorshipId);
    if (!mentorship || !isParty(mentorship, memberId)) return fail('not-found', 'That mentorship does not exist, or is not yours.');
    const community = await requireCommunity(trx, communityId);
    const memberActor = { kind: 'member', memberId } as const;
    const allowed = checkTransition(mentorship, 'extend', memberActor, community.settings.requestsNeedAdminApproval);
    if (!allowed.ok) return allowed;
    if (endDate === mentorship.endDate) return fail('already-done', `The mentorship already runs until ${endDate}.`);
    const { latest } = allowedEndDates(localToday(now, community.timezone), community.settings);
    if (endDate < mentorship.endDate || endDate > latest) {
      const message = `Pick a date after ${mentorship.endDate} and no later than ${latest}.`;
      return fail('invalid-input', message, [{ field: 'endDate', message }]);
    }

    const proposer = mentorship.extensionProposedBy;
    if (mentorship.extensionEndDate === endDate && proposer !== null && proposer !== memberId) {
      const done = await transition(trx, { mentorship, action: 'extend', actor: memberActor, now, extra: { endDate } });
      if (!done.ok) return done;
      return ok({ mentorshipId: mentorship.id, status: done.value.to, reply: privateMessage([`Agreed: the mentorship now runs until ${endDate}.`]) });
    }
    if (mentorship.extensionEndDate === endDate && proposer === memberId) {
      return fail('already-done', 'You already proposed this date; the other side has been asked to agree.');
    }
    await trx.updateTable('mentorships').set({ extension_end_date: endDate, extension_proposed_by: memberId, updated_at: now }).where('id', '=', mentorship.id).execute();
    const self = await findMember(trx, communityId, memberId);
    if (!self) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    const other = otherParty(mentorship, memberId);
    if (other !== null) {
      await enqueue(trx, {
        communityId,
        kind: 'dm',
        payload: { recipientMemberId: other, message: notices.extensionProposed(mentorship, self, endDate, community.timezone) },
        dedupeKey: `mentorship:${mentorship.id}:extension:${memberId}:${endDate}`,
      });
    }
    return ok({ mentorshipId: mentorship.id, status: mentorship.status, reply: privateMessage([`You proposed to continue until ${endDate}. The other side has been asked to agree.`]) });
  });
}
