import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { acceptPairSuggestions } from '../matching/accept-suggestion.js';
import { findMember } from '../members/member.repository.js';
import type { MemberRecord } from '../members/member.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, type FormValues, type Message } from '../reply.js';
import { localToday } from './calendar.js';
import { checkSeats } from './capacity.js';
import { openStatuses } from './mentorship.js';
import { countInRole, findOpenBetween } from './mentorship.repository.js';
import { requestSchema, requestValues } from './request-form.js';
import { createRequest, lockMembers } from './transitions.js';

/**
 * A member sends a mentorship request: the contract of seed 003 (who mentors
 * whom, what for, until when). The receiver gets a DM to accept, reject or ask
 * for more detail; the request expires after the community's expiry days. A
 * pending suggestion of the pair counts as accepted from now on.
 *
 * Refused, as problems the sender can act on: a request to oneself; a
 * receiver not taking part (suspended, gone, not approved or not onboarded);
 * roles the two did not offer; a pair that already has an open request or
 * relation; too many requests waiting at once; and a mentor with no free seat
 * (checked again, race-safe, when accepting).
 */
export async function sendRequest(
  deps: CoreDeps,
  actor: Actor,
  input: { receiverMemberId: number; values: FormValues },
): Promise<Outcome<{ mentorshipId: number; reply: Message }>> {
  const auth = authorizeMember(actor, 'request.send');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();
  if (input.receiverMemberId === memberId) return fail('invalid-input', 'You cannot send a request to yourself.', [{ field: 'member', message: 'Pick another member.' }]);

  return deps.db.transaction().execute(async (trx) => {
    const community = await requireCommunity(trx, communityId);
    const parsed = requestSchema(localToday(now, community.timezone), community.settings).safeParse(requestValues(input.values));
    if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
    // Both rows locked in id order: serializes this pair's requests both ways, and this sender's count of waiting requests.
    await lockMembers(trx, [memberId, input.receiverMemberId]);
    const sender = await findMember(trx, communityId, memberId);
    if (!sender) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    const receiver = await findMember(trx, communityId, input.receiverMemberId);
    if (!receiver || receiver.erasedAt) return fail('not-found', 'That member is not in this community.');
    if (!takesPart(receiver)) return fail('wrong-state', `${receiver.displayName} is not taking part in the mentorship program at the moment.`);

    const senderMentors = parsed.data.senderRole === 'MENTOR';
    const [mentor, mentee] = senderMentors ? [sender, receiver] : [receiver, sender];
    if (mentor.mentorshipRole === 'MENTEE') return fail('invalid-input', `${mentor.displayName} is looking for mentors, not mentees.`, [{ field: 'senderRole', message: 'Choose who mentors whom again.' }]);
    if (mentee.mentorshipRole === 'MENTOR') return fail('invalid-input', `${mentee.displayName} offers mentoring and is not looking for a mentor.`, [{ field: 'senderRole', message: 'Choose who mentors whom again.' }]);
    if (mentor.notTakingMenteesUntil && mentor.notTakingMenteesUntil > now) {
      return fail('limit-reached', `${mentor.id === sender.id ? 'You are' : `${mentor.displayName} is`} not taking new mentees at the moment.`);
    }
    if (await findOpenBetween(trx, communityId, sender.id, receiver.id, openStatuses)) {
      return fail('conflict', `You already have an open request or mentorship with ${receiver.displayName}.`);
    }
    const waitingLimit = community.settings.pendingOutgoingRequests;
    if ((await countInRole(trx, sender.id, 'sender', ['PENDING'])) >= waitingLimit) {
      return fail('limit-reached', `You have ${waitingLimit} requests waiting for an answer, the most at once. Withdraw one, or wait for answers.`);
    }
    const full = await checkSeats(trx, community.settings, mentor, mentee);
    if (full) return full;

    const expiresAt = new Date(now.getTime() + community.settings.requestExpiryDays * 86_400_000);
    const request = await createRequest(trx, { community, sender, receiver, senderMentors, description: parsed.data.description, endDate: parsed.data.endDate, expiresAt, now });
    await acceptPairSuggestions(trx, { communityId, memberIds: [sender.id, receiver.id], now });
    return ok({
      mentorshipId: request.id,
      reply: privateMessage(['Your request was sent to ', { mention: receiver.platformUserId }, '. They have until ', { time: expiresAt, style: 'relative' }, ' to answer.'], { title: 'Request sent' }),
    });
  });
}

function takesPart(member: MemberRecord): boolean {
  return member.status === 'ACTIVE' && member.onboardingStep === 'DONE';
}
