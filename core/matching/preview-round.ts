import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import { findNextOpenRound, findRound, insertRound, openRoundStatuses, updateRound } from './matching-round.repository.js';
import { planCommunityRound } from './plan-community-round.js';
import type { RoundStats, UnmatchedMember } from './round-plan.js';
import { roundPreviewMessage } from './round.reply.js';

export interface RoundPreview {
  readonly roundId: number;
  readonly scheduledFor: Date;
  readonly stats: RoundStats;
  readonly unmatched: readonly UnmatchedMember[];
  readonly reply: Message;
}

/**
 * An admin previews a matching round: the given one, else the community's next open round, else a new
 * round for now. The round is solved exactly as it would run (nothing is sent) and stored as PREVIEWED
 * with its stats: matched, unmatched with the reason for each, the score distribution and what greedy
 * would have given.
 */
export async function previewRound(deps: CoreDeps, actor: Actor, input: { roundId?: number } = {}): Promise<Outcome<RoundPreview>> {
  const auth = authorizeMember(actor, 'matching.preview-round');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    let round = input.roundId === undefined ? await findNextOpenRound(trx, communityId) : await findRound(trx, communityId, input.roundId, { lock: true });
    if (input.roundId !== undefined && !round) return fail('not-found', 'There is no such matching round.');
    if (round && !openRoundStatuses.includes(round.status)) return fail('wrong-state', 'This round has already run or was cancelled.');
    round ??= await insertRound(trx, { communityId, status: 'PREVIEWED', scheduledFor: now, startedBy: memberId });

    const community = await requireCommunity(trx, communityId);
    const { plan } = await planCommunityRound(trx, community, round.id, now);
    await updateRound(trx, round.id, { status: 'PREVIEWED', stats: { ...plan.stats, unmatched: plan.unmatched }, totalScore: plan.stats.totalScore });
    return ok({
      roundId: round.id,
      scheduledFor: round.scheduledFor,
      stats: plan.stats,
      unmatched: plan.unmatched,
      reply: roundPreviewMessage(round.id, round.scheduledFor, plan.stats),
    });
  });
}
