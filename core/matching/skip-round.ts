import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { addSkip, findRound, openRoundStatuses } from './matching-round.repository.js';

/**
 * A member sits out one matching round (the heads-up's Skip button): they are neither matched nor told
 * they were unmatched, and take part again in the next round. Skipping twice is fine.
 */
export async function skipRound(deps: CoreDeps, actor: Actor, input: { roundId: number }): Promise<Outcome<{ reply: Message }>> {
  const auth = authorizeMember(actor, 'matching.skip-round');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  return deps.db.transaction().execute(async (trx) => {
    const round = await findRound(trx, communityId, input.roundId, { lock: true });
    if (!round) return fail('not-found', 'There is no such matching round.');
    if (!openRoundStatuses.includes(round.status)) return fail('wrong-state', 'This round has already run, so there is nothing to skip.');
    await addSkip(trx, round.id, memberId);
    return ok({ reply: privateMessage(['You skip the round of ', { time: round.scheduledFor, style: 'full' }, '. You stay in the following rounds.']) });
  });
}
