import type { AssignmentResult, SparseAssignmentProblem } from './assignment-problem.js';
import { buildMenteeAdjacency } from './mentee-adjacency.js';

/**
 * Takes allowed pairs from the highest score down, keeping each one whose mentee is still free and
 * whose mentor still has a seat. Fast and often close, but not optimal: it exists to show what the
 * exact solver gains (see bench/matching-round.bench.ts). Among equal scores the lower mentee goes first.
 *
 * @throws Error on the same inconsistent input as the exact solver.
 */
export function solveGreedy(problem: SparseAssignmentProblem): AssignmentResult {
  const { menteeCount, seats, rowStart, edgeMentor, edgeScore } = buildMenteeAdjacency(problem);
  const edgeMentee = new Int32Array(edgeScore.length);
  for (let mentee = 0; mentee < menteeCount; mentee++) edgeMentee.fill(mentee, rowStart[mentee]!, rowStart[mentee + 1]!);

  const order = new Uint32Array(edgeScore.length);
  for (let edge = 0; edge < order.length; edge++) order[edge] = edge;
  order.sort((left, right) => edgeScore[right]! - edgeScore[left]! || left - right);

  const assignment = new Array<number>(menteeCount).fill(-1);
  const seatsLeft = seats.slice();
  const chosenScore = new Float64Array(menteeCount);
  for (const edge of order) {
    const mentee = edgeMentee[edge]!;
    const mentor = edgeMentor[edge]!;
    if (assignment[mentee] !== -1 || seatsLeft[mentor] === 0) continue;
    assignment[mentee] = mentor;
    seatsLeft[mentor]!--;
    chosenScore[mentee] = edgeScore[edge]!;
  }
  let total = 0;
  for (const score of chosenScore) total += score;
  return { assignment, total };
}
