/**
 * Dense form of a matching round: `scores[mentee][mentor]` is the value of pairing them, or null when
 * the pair is not allowed; `capacity[mentor]` is how many mentees that mentor may take.
 */
export type AssignmentProblem = {
  scores: (number | null)[][];
  capacity: number[];
};

/**
 * Sparse form of a matching round, the one the solver works on. Edge `k` allows mentee `edges.mentee[k]`
 * to be paired with mentor `edges.mentor[k]` for `edges.score[k]`; any pair not listed is forbidden.
 * Scores are positive and finite and a pair is listed at most once. The counts are explicit because a
 * mentee or mentor without any edge is still part of the round.
 */
export type SparseAssignmentProblem = {
  menteeCount: number;
  mentorCount: number;
  capacity: ArrayLike<number>;
  edges: { mentee: Int32Array; mentor: Int32Array; score: Float64Array };
};

/**
 * `assignment[mentee]` is the chosen mentor or -1; `total` is the sum of the chosen scores, added in
 * mentee order.
 */
export type AssignmentResult = { assignment: number[]; total: number };

/**
 * Lists the allowed pairs of a dense problem as edges.
 *
 * Scores are copied as they are; the solver checks them when it builds its graph.
 *
 * @throws Error when a row's length differs from the capacity's length.
 */
export function denseToSparse(problem: AssignmentProblem): SparseAssignmentProblem {
  const { scores, capacity } = problem;
  const mentorCount = capacity.length;
  let edgeCount = 0;
  for (let mentee = 0; mentee < scores.length; mentee++) {
    const row = scores[mentee]!;
    if (row.length !== mentorCount) {
      throw new Error(`scores[${mentee}] has ${row.length} entries but capacity has ${mentorCount} (one per mentor)`);
    }
    for (let mentor = 0; mentor < mentorCount; mentor++) if (row[mentor] !== null) edgeCount++;
  }

  const edges = { mentee: new Int32Array(edgeCount), mentor: new Int32Array(edgeCount), score: new Float64Array(edgeCount) };
  let edge = 0;
  for (let mentee = 0; mentee < scores.length; mentee++) {
    const row = scores[mentee]!;
    for (let mentor = 0; mentor < mentorCount; mentor++) {
      const score = row[mentor];
      if (score === null) continue;
      edges.mentee[edge] = mentee;
      edges.mentor[edge] = mentor;
      // Anything but a number (a hole, a string from untyped input) becomes NaN, which the solver rejects.
      edges.score[edge] = typeof score === 'number' ? score : Number.NaN;
      edge++;
    }
  }
  return { menteeCount: scores.length, mentorCount, capacity, edges };
}

/**
 * Writes a sparse problem as a dense matrix; meant for small instances (tests, files for the CLI).
 */
export function sparseToDense(problem: SparseAssignmentProblem): AssignmentProblem {
  const scores = Array.from({ length: problem.menteeCount }, () => new Array<number | null>(problem.mentorCount).fill(null));
  const { mentee, mentor, score } = problem.edges;
  for (let edge = 0; edge < score.length; edge++) {
    scores[mentee[edge]!]![mentor[edge]!] = score[edge]!;
  }
  return { scores, capacity: Array.from(problem.capacity) };
}
