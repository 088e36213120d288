import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import { findNextOpenRound, findRound, insertRound, openRoundStatuses, updateRound } from './matching-round.repository.js';
import { planCommunityRound } from './plan-community-round.js';
import { explainReasons } from './explain.js';
import type { RoundStats, UnmatchedMember } from './round-plan.js';
import { roundPreviewMessage } from './round.reply.js';
import { scorePair } from './score.js';
import { memberNames } from './suggestion.repository.js';

/** A pair the round would suggest, as an admin reads it. */
export interface PreviewPair {
  readonly mentorId: number;
  readonly menteeId: number;
  readonly mentorName: string;
  readonly menteeName: string;
  readonly score: number;
  /** Every reason of the pair in plain words, largest first (members see the top three). */
  readonly reasons: readonly string[];
}

export interface RoundPreview {
  readonly roundId: number;
  readonly scheduledFor: Date;
  readonly stats: RoundStats;
  /** Best score first. */
  readonly pairs: readonly PreviewPair[];
  readonly unmatched: readonly (UnmatchedMember & { readonly name: string })[];
  readonly reply: Message;
}

/**
 * An admin previews a matching round: the given one, else the community's next open round, else a new
 * round for now. The round is solved exactly as it would run (nothing is sent) and stored as PREVIEWED
 * with its stats: matched, unmatched with the reason for each, the score distribution and what greedy
 * would have given. The answer also names each proposed pair with its score and reasons, and each
 * member left out (names stay out of the stored stats).
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
    const { plan, index, skillNames } = await planCommunityRound(trx, community, round.id, now);
    await updateRound(trx, round.id, { status: 'PREVIEWED', stats: { ...plan.stats, unmatched: plan.unmatched }, totalScore: plan.stats.totalScore });
    const names = await memberNames(trx, communityId, [...plan.pairs.flatMap((pair) => [pair.mentorId, pair.menteeId]), ...plan.unmatched.map((member) => member.memberId)]);
    const name = (id: number) => names.get(id)?.displayName ?? 'a member';
    const skillName = (id: number) => skillNames.get(id) ?? 'a skill';
    const weights = community.settings.matching.weights;
    const pairs = plan.pairs
      .map((pair) => ({
        mentorId: pair.mentorId,
        menteeId: pair.menteeId,
        mentorName: name(pair.mentorId),
        menteeName: name(pair.menteeId),
        score: pair.score,
        reasons: explainReasons(scorePair(index.member(pair.mentorId)!, index.member(pair.menteeId)!, weights)?.reasons ?? [], { perspective: 'admin', skillName }),
      }))
      .sort((left, right) => right.score - left.score || left.menteeId - right.menteeId);
    return ok({
      roundId: round.id,
      scheduledFor: round.scheduledFor,
      stats: plan.stats,
      pairs,
      unmatched: plan.unmatched.map((member) => ({ ...member, name: name(member.memberId) })),
      reply: roundPreviewMessage(round.id, round.scheduledFor, plan.stats),
    });
  });
}
