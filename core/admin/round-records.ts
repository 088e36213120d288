import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { unmatchedReasonLabels } from '../matching/round.reply.js';
import type { UnmatchedReason } from '../matching/round-plan.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { MatchingRoundStatus, SuggestionStatus } from '../store/database.js';
import { memberNames } from './moderation-records.js';

export interface RoundSummary {
  readonly id: number;
  readonly status: MatchingRoundStatus;
  readonly scheduledFor: Date;
  readonly completedAt: Date | null;
  readonly totalScore: number | null;
  /** Pairs the round proposed (or would propose, when previewed); null before any preview. */
  readonly matched: number | null;
  readonly startedByName: string | null;
}

export const roundListLimit = 100;

/** The community's matching rounds, latest first. */
export async function listRounds(deps: Pick<CoreDeps, 'db'>, actor: Actor): Promise<Outcome<{ rounds: RoundSummary[]; truncated: boolean }>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const rows = await deps.db
    .selectFrom('matching_rounds as r')
    .leftJoin('members as starter', 'starter.id', 'r.started_by')
    .select(['r.id', 'r.status', 'r.scheduled_for', 'r.completed_at', 'r.total_score', 'r.stats', 'starter.display_name as starter_name'])
    .where('r.community_id', '=', auth.value.communityId)
    .orderBy('r.scheduled_for', 'desc')
    .orderBy('r.id', 'desc')
    .limit(roundListLimit + 1)
    .execute();
  return ok({
    truncated: rows.length > roundListLimit,
    rounds: rows.slice(0, roundListLimit).map((row) => ({
      id: row.id,
      status: row.status,
      scheduledFor: row.scheduled_for,
      completedAt: row.completed_at,
      totalScore: row.total_score,
      matched: typeof row.stats.matched === 'number' ? row.stats.matched : null,
      startedByName: row.starter_name,
    })),
  });
}

const unmatchedReasons = Object.keys(unmatchedReasonLabels) as [UnmatchedReason, ...UnmatchedReason[]];

/**
 * The stats a preview or a run stores on the round (`RoundStats` plus who was
 * left unmatched). Rounds written by other versions, or by hand, may hold
 * something else: they read as "no stats" rather than failing the page.
 */
const storedStats = z.object({
  eligibleMentees: z.number(),
  eligibleMentors: z.number(),
  seats: z.number(),
  allowedPairs: z.number(),
  matched: z.number(),
  totalScore: z.number(),
  scores: z.object({ min: z.number(), median: z.number(), max: z.number(), histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })) }).nullable(),
  greedy: z.object({ total: z.number(), matched: z.number(), lossPercent: z.number() }),
  unmatched: z.array(z.object({ memberId: z.number(), side: z.enum(['mentee', 'mentor']), reason: z.enum(unmatchedReasons) })).default([]),
});

export type StoredRoundStats = z.infer<typeof storedStats>;

export interface RoundPairRecord {
  readonly suggestionId: number;
  readonly mentorName: string | null;
  readonly menteeName: string | null;
  readonly score: number;
  readonly status: SuggestionStatus;
  readonly respondedAt: Date | null;
}

export interface RoundRecord extends RoundSummary {
  readonly stats: StoredRoundStats | null;
  readonly unmatched: readonly { memberId: number; name: string | null; side: 'mentee' | 'mentor'; reason: UnmatchedReason }[];
  /** The suggestions the round made, by how their pair answered. */
  readonly answers: { readonly total: number; readonly pending: number; readonly accepted: number; readonly declined: number };
  /** Best score first. */
  readonly pairs: readonly RoundPairRecord[];
}

/**
 * One round with what it stored and, once run, the suggestions it made and how
 * each pair answered. Another community's round is `not-found`, like one that
 * does not exist. A pair suggested again by a later round counts there.
 */
export async function viewRound(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { roundId: number }): Promise<Outcome<RoundRecord>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const { communityId } = auth.value;
  const row = await deps.db
    .selectFrom('matching_rounds as r')
    .leftJoin('members as starter', 'starter.id', 'r.started_by')
    .select(['r.id', 'r.status', 'r.scheduled_for', 'r.completed_at', 'r.total_score', 'r.stats', 'starter.display_name as starter_name'])
    .where('r.community_id', '=', communityId)
    .where('r.id', '=', input.roundId)
    .executeTakeFirst();
  if (!row) return fail('not-found', 'There is no such matching round in this community.');

  const suggestions = await deps.db
    .selectFrom('suggestions as s')
    .leftJoin('members as mentor', 'mentor.id', 's.mentor_id')
    .leftJoin('members as mentee', 'mentee.id', 's.mentee_id')
    .select(['s.id', 's.score', 's.status', 's.responded_at', 'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name'])
    .where('s.community_id', '=', communityId)
    .where('s.matching_round_id', '=', row.id)
    .orderBy('s.score', 'desc')
    .orderBy('s.id')
    .execute();
  const parsed = storedStats.safeParse(row.stats);
  const stats = parsed.success ? parsed.data : null;
  const names = await memberNames(deps.db, communityId, stats?.unmatched.map((member) => member.memberId) ?? []);
  const count = (status: SuggestionStatus) => suggestions.filter((suggestion) => suggestion.status === status).length;

  return ok({
    id: row.id,
    status: row.status,
    scheduledFor: row.scheduled_for,
    completedAt: row.completed_at,
    totalScore: row.total_score,
    matched: stats?.matched ?? null,
    startedByName: row.starter_name,
    stats,
    unmatched: (stats?.unmatched ?? []).map((member) => ({ ...member, name: names.get(member.memberId) ?? null })),
    answers: { total: suggestions.length, pending: count('PENDING'), accepted: count('ACCEPTED'), declined: count('DECLINED') },
    pairs: suggestions.map((suggestion) => ({
      suggestionId: suggestion.id,
      mentorName: suggestion.mentor_name,
      menteeName: suggestion.mentee_name,
      score: suggestion.score,
      status: suggestion.status,
      respondedAt: suggestion.responded_at,
    })),
  });
}
