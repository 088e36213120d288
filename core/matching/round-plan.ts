import type { SparseAssignmentProblem } from './assignment-problem.js';
import { solveGreedy } from './greedy-assignment.js';
import type { MatchingIndex } from './matching-index.js';
import type { ScoreWeights } from './matching-settings.js';
import type { ExcludedPairs } from './matching.repository.js';
import { solveOneWay } from './one-way-pairs.js';

/** Why a member got nobody in a round, in terms the member can act on. */
export type UnmatchedReason =
  /** Mentee: nobody in the community offers a wanted skill at the wanted level or above. */
  | 'no-mentor-offers'
  /** Mentee: the mentors who do are full, pausing, or skipping this round. */
  | 'mentors-full'
  /** Mentee: the mentors with a seat are all pairs that cannot be suggested (declined, past, blocked). */
  | 'excluded-pairs'
  /** Mentee: there were fitting mentors, but the best overall assignment gave their seats to others. */
  | 'seats-taken'
  /** Mentor: no mentee in the round wants a skill they offer at a level they reach (or only excluded ones). */
  | 'no-mentee-wants'
  /** Mentor: fitting mentees were all better served by other mentors. */
  | 'mentees-matched-elsewhere'
  /**
   * Either side: the member is paired with someone the other way round in this round, and the round
   * suggests a pair one way only (see `one-way-pairs.ts`). The member has that pair's DM.
   */
  | 'paired-other-way'
  /** Either side: the member turned match suggestions off, so rounds leave them out. Never sent to them. */
  | 'suggestions-off';

export interface PlannedPair {
  readonly mentorId: number;
  readonly menteeId: number;
  readonly score: number;
}

export interface UnmatchedMember {
  readonly memberId: number;
  readonly side: 'mentee' | 'mentor';
  readonly reason: UnmatchedReason;
}

export interface ScoreDistribution {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  /** Five equal buckets from min to max. */
  readonly histogram: readonly { readonly from: number; readonly to: number; readonly count: number }[];
}

export interface RoundStats {
  readonly eligibleMentees: number;
  readonly eligibleMentors: number;
  readonly seats: number;
  readonly allowedPairs: number;
  readonly matched: number;
  readonly totalScore: number;
  readonly unmatchedByReason: Partial<Record<UnmatchedReason, number>>;
  readonly scores: ScoreDistribution | null;
  /** What taking the best pairs first would have given, to show what the exact solver gains. */
  readonly greedy: { readonly total: number; readonly matched: number; readonly lossPercent: number };
  /** Directions left out so that no two members are paired both ways (counted in `allowedPairs` no more). */
  readonly removedDirections: number;
  /** How many times the round was solved: one when nobody was paired both ways (see `solveOneWay`). */
  readonly solves: number;
  readonly solveMs: number;
}

export interface RoundPlan {
  readonly pairs: readonly PlannedPair[];
  readonly unmatched: readonly UnmatchedMember[];
  readonly stats: RoundStats;
  /**
   * The problem as finally solved (without the removed directions), of which the pairs are the exact
   * optimum; for benchmarks and tests that compare with another solver.
   */
  readonly problem: SparseAssignmentProblem;
}

export interface RoundParticipants {
  /** Members who asked to sit this round out. */
  readonly skipped: ReadonlySet<number>;
  readonly excluded: ExcludedPairs;
  /** Members who turned match suggestions off (nobody when absent). */
  readonly suggestionsOff?: ReadonlySet<number>;
}

/**
 * Plans a matching round over an index: every member who can be a mentee (and has not skipped) against
 * every mentor with a free seat (who has not skipped), each pair allowed when the mentor offers a wanted
 * skill at the wanted level and the pair is not excluded, scored like a suggestion. The assignment that
 * maximizes the total score under every mentor's free seats is solved exactly, with no two members
 * paired both ways (`solveOneWay`), and each member left without a partner gets the reason.
 *
 * Members who turned match suggestions off are not in the round at all: a round's pair is an
 * introduction both sides are told about, and one side that never hears of it would still hold a
 * mentor's seat other mentees could have had. They are listed as unmatched ('suggestions-off') so an
 * admin sees why, and are never messaged about it.
 */
export function planRound(index: MatchingIndex, weights: ScoreWeights, participants: RoundParticipants): RoundPlan {
  const members = index.allMembers();
  const mentorSlots: number[] = [];
  const mentorIndexOfSlot = new Int32Array(index.size).fill(-1);
  const menteeSlots: number[] = [];
  const menteeIndexOfSlot = new Int32Array(index.size).fill(-1);
  const leftOut: UnmatchedMember[] = [];
  members.forEach((member, slot) => {
    if (participants.skipped.has(member.memberId)) return;
    if (participants.suggestionsOff?.has(member.memberId)) {
      if (member.canBeMentee) leftOut.push({ memberId: member.memberId, side: 'mentee', reason: 'suggestions-off' });
      if (member.canMentor) leftOut.push({ memberId: member.memberId, side: 'mentor', reason: 'suggestions-off' });
      return;
    }
    if (member.canMentor) {
      mentorIndexOfSlot[slot] = mentorSlots.length;
      mentorSlots.push(slot);
    }
    if (member.canBeMentee) {
      menteeIndexOfSlot[slot] = menteeSlots.length;
      menteeSlots.push(slot);
    }
  });

  const edges = new EdgeList();
  const menteeReason: (UnmatchedReason | null)[] = [];
  const mentorHasEdge = new Uint8Array(mentorSlots.length);
  menteeSlots.forEach((menteeSlot, menteeIndex) => {
    const menteeId = members[menteeSlot]!.memberId;
    const excluded = participants.excluded.of(menteeId);
    let offered = false;
    let withSeat = false;
    let allowed = false;
    index.forEachFittingMentor(menteeSlot, weights, (mentorSlot, score) => {
      offered = true;
      const mentor = mentorIndexOfSlot[mentorSlot]!;
      if (mentor < 0) return;
      withSeat = true;
      if (excluded.has(members[mentorSlot]!.memberId)) return;
      allowed = true;
      mentorHasEdge[mentor] = 1;
      edges.push(menteeIndex, mentor, score);
    });
    menteeReason.push(allowed ? 'seats-taken' : withSeat ? 'excluded-pairs' : offered ? 'mentors-full' : 'no-mentor-offers');
  });

  const capacity = mentorSlots.map((slot) => members[slot]!.spareSeats);
  const same = {
    mentorOfMentee: Int32Array.from(menteeSlots, (slot) => mentorIndexOfSlot[slot]!),
    menteeOfMentor: Int32Array.from(mentorSlots, (slot) => menteeIndexOfSlot[slot]!),
  };
  const exact = solveOneWay({ menteeCount: menteeSlots.length, mentorCount: mentorSlots.length, capacity, edges: edges.finish() }, same);
  const problem = exact.problem;
  // On the problem the exact answer is the optimum of; a yardstick only (it may pair two members both ways).
  const greedy = solveGreedy(problem);

  // A member whose direction was removed while the reverse stayed in the assignment is paired with
  // that member the other way round: that, not the generic reason, is why this side stayed empty.
  const menteePairedOtherWay = new Uint8Array(menteeSlots.length);
  const mentorPairedOtherWay = new Uint8Array(mentorSlots.length);
  for (const { mentee, mentor } of exact.removed) {
    const reverseMentee = same.menteeOfMentor[mentor]!;
    if (exact.assignment[reverseMentee] !== same.mentorOfMentee[mentee]) continue;
    menteePairedOtherWay[mentee] = 1;
    mentorPairedOtherWay[mentor] = 1;
  }

  const pairs: PlannedPair[] = [];
  const unmatched: UnmatchedMember[] = [];
  const mentorMatched = new Uint8Array(mentorSlots.length);
  const chosenScore = chosenScores(problem, exact.assignment);
  exact.assignment.forEach((mentor, menteeIndex) => {
    const menteeId = members[menteeSlots[menteeIndex]!]!.memberId;
    if (mentor < 0) {
      unmatched.push({ memberId: menteeId, side: 'mentee', reason: menteePairedOtherWay[menteeIndex] ? 'paired-other-way' : menteeReason[menteeIndex]! });
      return;
    }
    mentorMatched[mentor] = 1;
    pairs.push({ mentorId: members[mentorSlots[mentor]!]!.memberId, menteeId, score: chosenScore[menteeIndex]! });
  });
  mentorSlots.forEach((slot, mentor) => {
    if (mentorMatched[mentor]) return;
    const reason = mentorPairedOtherWay[mentor] ? 'paired-other-way' : mentorHasEdge[mentor] ? 'mentees-matched-elsewhere' : 'no-mentee-wants';
    unmatched.push({ memberId: members[slot]!.memberId, side: 'mentor', reason });
  });
  unmatched.push(...leftOut);

  const unmatchedByReason: Partial<Record<UnmatchedReason, number>> = {};
  for (const member of unmatched) unmatchedByReason[member.reason] = (unmatchedByReason[member.reason] ?? 0) + 1;
  const greedyMatched = greedy.assignment.filter((mentor) => mentor >= 0).length;
  return {
    pairs,
    unmatched,
    problem,
    stats: {
      eligibleMentees: menteeSlots.length,
      eligibleMentors: mentorSlots.length,
      seats: capacity.reduce((sum, seats) => sum + seats, 0),
      allowedPairs: problem.edges.score.length,
      matched: pairs.length,
      totalScore: exact.total,
      unmatchedByReason,
      scores: distribution(pairs.map((pair) => pair.score)),
      greedy: { total: greedy.total, matched: greedyMatched, lossPercent: exact.total > 0 ? (100 * (exact.total - greedy.total)) / exact.total : 0 },
      removedDirections: exact.removed.length,
      solves: exact.solves,
      solveMs: exact.solveMs,
    },
  };
}

// The score of each mentee's chosen edge, read back from the problem.
function chosenScores(problem: SparseAssignmentProblem, assignment: readonly number[]): Float64Array {
  const scores = new Float64Array(problem.menteeCount);
  const { mentee, mentor, score } = problem.edges;
  for (let edge = 0; edge < score.length; edge++) if (assignment[mentee[edge]!] === mentor[edge]) scores[mentee[edge]!] = score[edge]!;
  return scores;
}

/** Min, median, max and a five-bucket histogram of the pair scores; null without pairs. */
export function distribution(scores: readonly number[]): ScoreDistribution | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((left, right) => left - right);
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const buckets = 5;
  const width = (max - min) / buckets;
  const histogram = Array.from({ length: buckets }, (_, bucket) => ({ from: min + bucket * width, to: bucket === buckets - 1 ? max : min + (bucket + 1) * width, count: 0 }));
  for (const score of sorted) histogram[width === 0 ? 0 : Math.min(buckets - 1, Math.floor((score - min) / width))]!.count++;
  return { min, median, max, histogram };
}

// Typed arrays that double when full: a large round has a few million allowed pairs.
class EdgeList {
  private mentee = new Int32Array(1024);
  private mentor = new Int32Array(1024);
  private score = new Float64Array(1024);
  private count = 0;

  push(mentee: number, mentor: number, score: number): void {
    if (this.count === this.score.length) {
      this.mentee = grow(this.mentee, new Int32Array(this.count * 2));
      this.mentor = grow(this.mentor, new Int32Array(this.count * 2));
      this.score = grow(this.score, new Float64Array(this.count * 2));
    }
    this.mentee[this.count] = mentee;
    this.mentor[this.count] = mentor;
    this.score[this.count++] = score;
  }

  finish(): SparseAssignmentProblem['edges'] {
    return { mentee: this.mentee.slice(0, this.count), mentor: this.mentor.slice(0, this.count), score: this.score.slice(0, this.count) };
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
