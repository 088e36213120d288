import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { interactionId } from '../interaction-ids.js';
import { findMember } from '../members/member.repository.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { modal, privateMessage, type Message, type ModalSpec } from '../reply.js';
import { notices } from './mentorship-messages.js';
import { findMentorship } from './mentorship.repository.js';

const askInput = z.object({
  question: z.string().trim().min(5, 'Say what you would like to know.').max(500, 'Keep the question under 500 characters.'),
});

/** The form behind "Ask for more detail" on a received request. */
export function askForDetailForm(mentorshipId: number): ModalSpec {
  return modal({
    customId: interactionId('request', 'ask-detail', mentorshipId),
    title: 'Ask for more detail',
    submitLabel: 'Send',
    inputs: [{ type: 'text', id: 'question', label: 'What would you like to know?', style: 'paragraph', required: true, minLength: 5, maxLength: 500 }],
  });
}

/**
 * The receiver of a pending request asks the sender for more detail before
 * answering: a DM to the sender, and no change to the request. Once per
 * request, so it cannot become a channel for pestering; the pair can talk
 * directly after that.
 */
export async function askForDetail(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; question: string }): Promise<Outcome<{ reply: Message }>> {
  const auth = authorizeMember(actor, 'request.ask-detail');
  if (!auth.ok) return auth;
  const parsed = askInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { communityId, memberId } = auth.value;
  return deps.db.transaction().execute(async (trx) => {
    const request = await findMentorship(trx, communityId, input.mentorshipId, { lock: true });
    if (!request || (request.receiverId !== memberId && request.senderId !== memberId)) return fail('not-found', 'That request does not exist, or is not yours.');
    if (request.receiverId !== memberId) return fail('forbidden', 'Only the member who received this request can ask for more detail.');
    if (request.status !== 'PENDING') return fail('wrong-state', 'This request is no longer waiting for your answer.');
    if (request.senderId === null) return fail('wrong-state', 'The member who sent this request is no longer here.');
    const receiver = await findMember(trx, communityId, memberId);
    if (!receiver) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    const queued = await enqueue(trx, {
      communityId,
      kind: 'dm',
      payload: { recipientMemberId: request.senderId, message: notices.askForDetail(request, receiver, parsed.data.question) },
      dedupeKey: `mentorship:${request.id}:ask-detail`,
    });
    if (!queued) return fail('already-done', 'You already asked about this request; the sender has your question.');
    return ok({ reply: privateMessage(['Your question was sent. The request stays open until you answer it.']) });
  });
}
