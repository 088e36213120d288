import { authorize, authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { enqueue } from '../outbox/enqueue.js';
import { privateMessage, type Message } from '../reply.js';
import { explainInline } from './explain.js';
import { findRound, updateRound } from './matching-round.repository.js';
import { planCommunityRound } from './plan-community-round.js';
import type { RoundStats } from './round-plan.js';
import { nextRoundTime } from './round-schedule.js';
import { roundPairMessage, roundUnmatchedMessage, unmatchedReasonsNotSent } from './round.reply.js';
import { scorePair } from './score.js';
import { memberNames, savePendingSuggestion } from './suggestion.repository.js';
import { formatScore, shownReasons } from './suggestion.reply.js';

export interface RoundResult {
  readonly roundId: number;
  readonly stats: RoundStats;
  readonly reply: Message;
}

/**
 * An admin runs a matching round (`matching.run-round`): see {@link executeRound}.
 */
export async function runRound(deps: CoreDeps, actor: Actor, input: { roundId: number }): Promise<Outcome<RoundResult>> {
  const auth = authorizeMember(actor, 'matching.run-round');
  if (!auth.ok) return auth;
  return executeRound(deps, { communityId: auth.value.communityId, startedBy: auth.value.memberId }, input.roundId);
}

/**
 * The scheduler runs a due round (`matching.run-scheduled-round`; find it with `findDueRound`): see
 * {@link executeRound}.
 */
export async function runScheduledRound(deps: CoreDeps, actor: Actor, input: { roundId: number }): Promise<Outcome<RoundResult>> {
  const denied = authorize(actor, 'matching.run-scheduled-round');
  if (denied) return denied;
  return executeRound(deps, { communityId: null, startedBy: null }, input.roundId);
}

/**
 * Runs a matching round. In one transaction it solves the round exactly, stores each pair as a PENDING
 * suggestion of the round, queues each side a DM with the reasons and Accept/Decline, tells each member
 * left without a partner why and when the next round is (not those who turned suggestions off, nor one
 * already paired with that member the other way round), and marks the round COMPLETED. Running it
 * again answers already-done; the outbox's dedupe keys (`round:<id>:pair:<mentee>:<mentor>:...`) would
 * keep a retried run from sending anything twice anyway.
 */
async function executeRound(deps: CoreDeps, who: { communityId: number | null; startedBy: number | null }, roundId: number): Promise<Outcome<RoundResult>> {
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (trx) => {
    const round = await findRound(trx, who.communityId, roundId, { lock: true });
    if (!round) return fail('not-found', 'There is no such matching round.');
    if (round.status === 'COMPLETED') return fail('already-done', 'This round has already run.');
    if (round.status === 'CANCELLED') return fail('wrong-state', 'This round was cancelled.');
    const community = await requireCommunity(trx, round.communityId);
    const { plan, index, skillNames } = await planCommunityRound(trx, community, round.id, now);
    const { rounds, weights } = community.settings.matching;
    const nextRound = rounds.enabled ? nextRoundTime(rounds, community.timezone, now, round.scheduledFor) : null;
    const names = await memberNames(trx, community.id, [...plan.pairs.flatMap((pair) => [pair.mentorId, pair.menteeId])]);
    const skillName = (id: number) => skillNames.get(id) ?? 'a skill';

    for (const pair of plan.pairs) {
      const reasons = scorePair(index.member(pair.mentorId)!, index.member(pair.menteeId)!, weights)?.reasons ?? [];
      const suggestionId = await savePendingSuggestion(trx, { communityId: community.id, mentorId: pair.mentorId, menteeId: pair.menteeId, score: pair.score, reasons, roundId: round.id });
      const key = `round:${round.id}:pair:${pair.menteeId}:${pair.mentorId}`;
      for (const [side, recipient, other] of [['mentee', pair.menteeId, pair.mentorId], ['mentor', pair.mentorId, pair.menteeId]] as const) {
        const explanation = explainInline(reasons, { perspective: side, skillName, limit: shownReasons });
        const message = roundPairMessage({ side, otherPlatformUserId: names.get(other)?.platformUserId ?? '', score: pair.score, explanation, suggestionId });
        await enqueue(trx, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: recipient, message }, dedupeKey: `${key}:to:${recipient}` });
      }
    }
    const told = new Set<number>();
    for (const member of plan.unmatched) {
      if (unmatchedReasonsNotSent.has(member.reason)) continue;
      told.add(member.memberId);
      await enqueue(trx, {
        communityId: community.id,
        kind: 'dm',
        payload: { recipientMemberId: member.memberId, message: roundUnmatchedMessage(member.reason, nextRound) },
        dedupeKey: `round:${round.id}:unmatched:${member.memberId}`,
      });
    }
    await updateRound(trx, round.id, { status: 'COMPLETED', stats: { ...plan.stats, unmatched: plan.unmatched }, totalScore: plan.stats.totalScore, startedBy: who.startedBy, completedAt: now });

    const summary = `Round done: ${plan.stats.matched} pairs suggested (total score ${formatScore(plan.stats.totalScore)}), ${told.size} members told why they got no match. Each pair gets a DM to accept or decline.`;
    return ok({ roundId: round.id, stats: plan.stats, reply: privateMessage([summary], { title: 'Matching round' }) });
  });
}
