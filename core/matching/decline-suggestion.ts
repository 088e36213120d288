import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { answerSuggestion, findOwnSuggestion, memberNames } from './suggestion.repository.js';

/**
 * Either side of a suggestion declines it: the pair is never suggested again, on demand or in a round.
 * Declining twice is answered as already done; a suggestion already accepted can no longer be declined
 * (withdraw the request instead).
 */
export async function declineSuggestion(deps: CoreDeps, actor: Actor, input: { suggestionId: number }): Promise<Outcome<{ reply: Message }>> {
  const auth = authorizeMember(actor, 'matching.decline-suggestion');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  return deps.db.transaction().execute(async (trx) => {
    const suggestion = await findOwnSuggestion(trx, communityId, input.suggestionId, memberId, { lock: true });
    if (!suggestion) return fail('not-found', 'That suggestion is not one of yours.');
    if (suggestion.status === 'DECLINED') return fail('already-done', 'You already declined this suggestion.');
    if (suggestion.status === 'ACCEPTED') return fail('wrong-state', 'This suggestion was already accepted; withdraw or answer the request instead.');
    await answerSuggestion(trx, suggestion.id, 'DECLINED', memberId, deps.clock.now());
    const otherId = suggestion.mentorId === memberId ? suggestion.menteeId : suggestion.mentorId;
    const other = (await memberNames(trx, communityId, [otherId])).get(otherId);
    return ok({ reply: privateMessage([`Got it: we will not suggest ${other?.displayName ?? 'this member'} to you again, nor you to them.`]) });
  });
}
