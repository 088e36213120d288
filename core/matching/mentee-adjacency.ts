import type { SparseAssignmentProblem } from './assignment-problem.js';

/**
 * The allowed pairs grouped by mentee (compressed sparse rows): mentee `i`'s edges are
 * `rowStart[i] .. rowStart[i + 1] - 1`, each naming a mentor and a score.
 */
export type MenteeAdjacency = {
  menteeCount: number;
  mentorCount: number;
  /** Seats each mentor can really fill: its capacity, but never more than its number of allowed pairs. */
  seats: Int32Array;
  rowStart: Int32Array;
  edgeMentor: Int32Array;
  edgeScore: Float64Array;
};

/**
 * Checks a sparse problem's shape and groups its edges by mentee. Edges to mentors with no capacity are
 * dropped and capacities are cut down to what a mentor's edges can fill: neither changes any assignment,
 * and the solver then never meets a full mentor without mentees nor allocates seats nobody can take.
 *
 * @throws Error naming the first inconsistency: a bad count or capacity, edge arrays of different lengths,
 * an index out of range, a score that is not positive and finite, or a pair listed twice.
 */
export function buildMenteeAdjacency(problem: SparseAssignmentProblem): MenteeAdjacency {
  const { menteeCount, mentorCount, edges } = problem;
  requireCount('menteeCount', menteeCount);
  requireCount('mentorCount', mentorCount);
  const capacity = readCapacity(problem.capacity, mentorCount);
  const edgeCount = edges.score.length;
  if (edges.mentee.length !== edgeCount || edges.mentor.length !== edgeCount) {
    throw new Error(
      `edges.mentee, edges.mentor and edges.score must have the same length (got ${edges.mentee.length}, ${edges.mentor.length}, ${edgeCount})`,
    );
  }

  const rowStart = new Int32Array(menteeCount + 1);
  const degree = new Int32Array(mentorCount);
  for (let edge = 0; edge < edgeCount; edge++) {
    const mentee = edges.mentee[edge]!;
    const mentor = edges.mentor[edge]!;
    const score = edges.score[edge]!;
    if (mentee < 0 || mentee >= menteeCount) throw new Error(`edge ${edge}: mentee ${mentee} is outside 0..${menteeCount - 1}`);
    if (mentor < 0 || mentor >= mentorCount) throw new Error(`edge ${edge}: mentor ${mentor} is outside 0..${mentorCount - 1}`);
    if (!(score > 0 && score < Infinity)) {
      throw new Error(`score of mentee ${mentee} with mentor ${mentor} must be a positive finite number (got ${score})`);
    }
    if (capacity[mentor]! > 0) {
      rowStart[mentee + 1]!++;
      degree[mentor]!++;
    }
  }
  for (let mentee = 0; mentee < menteeCount; mentee++) rowStart[mentee + 1]! += rowStart[mentee]!;

  const usable = rowStart[menteeCount]!;
  const edgeMentor = new Int32Array(usable);
  const edgeScore = new Float64Array(usable);
  const next = rowStart.slice(0, menteeCount);
  for (let edge = 0; edge < edgeCount; edge++) {
    const mentor = edges.mentor[edge]!;
    if (capacity[mentor] === 0) continue;
    const slot = next[edges.mentee[edge]!]!++;
    edgeMentor[slot] = mentor;
    edgeScore[slot] = edges.score[edge]!;
  }
  rejectRepeatedPairs(menteeCount, mentorCount, rowStart, edgeMentor);
  const seats = capacity.map((value, mentor) => Math.min(value, degree[mentor]!));
  return { menteeCount, mentorCount, seats, rowStart, edgeMentor, edgeScore };
}

function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (got ${value})`);
}

function readCapacity(capacity: ArrayLike<number>, mentorCount: number): Int32Array {
  if (capacity.length !== mentorCount) {
    throw new Error(`capacity has ${capacity.length} entries but there are ${mentorCount} mentors`);
  }
  const result = new Int32Array(mentorCount);
  for (let mentor = 0; mentor < mentorCount; mentor++) {
    const value = capacity[mentor]!;
    if (!Number.isInteger(value) || value < 0) throw new Error(`capacity[${mentor}] must be a non-negative integer (got ${value})`);
    // Larger values fit no Int32Array and mean "unlimited" anyway; seats are cut to the mentor's edges later.
    result[mentor] = Math.min(value, 0x7fffffff);
  }
  return result;
}

// A repeated pair would let two edges of one mentee compete for the same mentor with different scores.
function rejectRepeatedPairs(menteeCount: number, mentorCount: number, rowStart: Int32Array, edgeMentor: Int32Array): void {
  const lastSeenBy = new Int32Array(mentorCount).fill(-1);
  for (let mentee = 0; mentee < menteeCount; mentee++) {
    for (let edge = rowStart[mentee]!; edge < rowStart[mentee + 1]!; edge++) {
      const mentor = edgeMentor[edge]!;
      if (lastSeenBy[mentor] === mentee) throw new Error(`the pair mentee ${mentee}, mentor ${mentor} is listed more than once`);
      lastSeenBy[mentor] = mentee;
    }
  }
}
