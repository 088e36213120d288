import { denseToSparse } from './assignment-problem.js';
import type { AssignmentProblem, AssignmentResult, SparseAssignmentProblem } from './assignment-problem.js';
import { completeAssignment } from './augmenting-path-search.js';
import { buildMenteeAdjacency } from './mentee-adjacency.js';
import { auctionSeats } from './seat-auction.js';

export type { AssignmentProblem, AssignmentResult, SparseAssignmentProblem } from './assignment-problem.js';

/**
 * Pairs mentees with mentors so that the total score is as large as possible (exact, not greedy).
 * Each mentee gets at most one mentor, mentor `j` takes at most `capacity[j]` mentees, and a mentee may
 * stay unassigned when no allowed pairing helps the total.
 *
 * @throws Error when the shapes disagree (a row whose length is not the number of mentors) or a score is
 * not a positive finite number.
 */
export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  return solveSparseAssignment(denseToSparse(problem));
}

/**
 * Same as {@link solveAssignment} for a problem given as a list of allowed pairs; this is the form to use
 * for large rounds, where most pairs are not allowed.
 *
 * @throws Error on inconsistent input: counts, capacity length, edge arrays of different lengths, an index
 * out of range, a score that is not positive and finite, or a pair listed twice.
 */
export function solveSparseAssignment(problem: SparseAssignmentProblem): AssignmentResult {
  const graph = buildMenteeAdjacency(problem);
  // The auction settles most mentees in near-linear time; the exact search then finishes the job.
  const { mentorOf, scoreOf } = completeAssignment(graph, auctionSeats(graph));
  let total = 0;
  // Summed in mentee order from the input's own numbers, so callers can reproduce the total exactly.
  for (let mentee = 0; mentee < scoreOf.length; mentee++) total += scoreOf[mentee]!;
  return { assignment: Array.from(mentorOf), total };
}
