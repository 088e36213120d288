import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SparseAssignmentProblem } from './assignment-problem.js';
import { solveSparseAssignment } from './assignment-solver.js';
import { solveOneWay, type SameMembers } from './one-way-pairs.js';

/** A problem from (mentee, mentor, score) triples. */
function problemOf(menteeCount: number, capacity: number[], triples: readonly (readonly [number, number, number])[]): SparseAssignmentProblem {
  return {
    menteeCount,
    mentorCount: capacity.length,
    capacity,
    edges: { mentee: Int32Array.from(triples, (edge) => edge[0]), mentor: Int32Array.from(triples, (edge) => edge[1]), score: Float64Array.from(triples, (edge) => edge[2]) },
  };
}

/** Mentee `i` and mentor `i` are the same member for every `i` below `twoSided`. */
function sameUpTo(twoSided: number, menteeCount: number, mentorCount: number): SameMembers {
  return {
    mentorOfMentee: Int32Array.from({ length: menteeCount }, (_, mentee) => (mentee < twoSided ? mentee : -1)),
    menteeOfMentor: Int32Array.from({ length: mentorCount }, (_, mentor) => (mentor < twoSided ? mentor : -1)),
  };
}

function pairedBothWays(assignment: readonly number[], same: SameMembers): boolean {
  return assignment.some((mentor, mentee) => {
    const reverseMentee = same.menteeOfMentor[mentor] ?? -1;
    return reverseMentee >= 0 && same.mentorOfMentee[mentee]! >= 0 && assignment[reverseMentee] === same.mentorOfMentee[mentee];
  });
}

/**
 * The best total by trying everything: 'one-way' pairs nobody both ways; 'better-only' allows only
 * the better direction of two members who could mentor each other (on a tie, the earlier mentor's).
 */
function bruteForceTotal(problem: SparseAssignmentProblem, same: SameMembers, rule: 'one-way' | 'better-only'): number {
  const scores = new Map<string, number>();
  problem.edges.score.forEach((score, edge) => scores.set(`${problem.edges.mentee[edge]}:${problem.edges.mentor[edge]}`, score));
  const reverseScore = (mentee: number, mentor: number) => scores.get(`${same.menteeOfMentor[mentor]}:${same.mentorOfMentee[mentee]}`);
  const seats = Array.from(problem.capacity);
  const assignment = new Array<number>(problem.menteeCount).fill(-1);
  const explore = (mentee: number): number => {
    if (mentee === problem.menteeCount) return pairedBothWays(assignment, same) ? -Infinity : 0;
    let best = explore(mentee + 1);
    for (let mentor = 0; mentor < problem.mentorCount; mentor++) {
      const score = scores.get(`${mentee}:${mentor}`);
      if (score === undefined || seats[mentor] === 0) continue;
      const reverse = same.mentorOfMentee[mentee]! >= 0 && same.menteeOfMentor[mentor]! >= 0 ? reverseScore(mentee, mentor) : undefined;
      if (rule === 'better-only' && reverse !== undefined && (score < reverse || (score === reverse && mentor > same.mentorOfMentee[mentee]!))) continue;
      seats[mentor]!--;
      assignment[mentee] = mentor;
      best = Math.max(best, score + explore(mentee + 1));
      assignment[mentee] = -1;
      seats[mentor]!++;
    }
    return best;
  };
  return explore(0);
}

describe('solving a round one way only', () => {
  // Members A, B, D and E take both sides (mentee 0/mentor 0, 1/1, 3/2, 4/3); C (mentee 2) and F (mentee 5) only learn.
  const same: SameMembers = { mentorOfMentee: Int32Array.from([0, 1, -1, 2, 3, -1]), menteeOfMentor: Int32Array.from([0, 1, 3, 4]) };
  const problem = problemOf(6, [1, 1, 1, 1], [
    [0, 1, 5], // B mentors A
    [1, 0, 6], // A mentors B: together the best pair of the round, both ways
    [2, 1, 1], // B mentors C
    [3, 3, 2], // E mentors D
    [4, 2, 3], // D mentors E
    [5, 3, 10], // E mentors F, which takes E's seat: D and E are never chosen both ways
  ]);
  const largeRound = { exactSearchEdges: 0 };

  it('is the plain optimum, in one solve, when nobody is paired both ways', () => {
    // A and B could mentor each other, but B's seat does more for C.
    const plain = problemOf(3, [1, 1], [[0, 1, 5], [1, 0, 2], [2, 1, 6]]);
    const result = solveOneWay(plain, sameUpTo(2, 3, 2));
    expect(result).toMatchObject({ assignment: [-1, 0, 1], total: 8, removed: [], solves: 1 });
    expect(result.problem).toBe(plain);
  });

  it('searches a small round for the best direction to give up, even the better-scoring one', () => {
    // A mentoring B (10) beats B mentoring A (9), but B also fits C's mentoring (9.5) and A fits nobody else.
    const round = problemOf(2, [1, 1, 1], [[0, 1, 9], [1, 0, 10], [1, 2, 9.5]]);
    const result = solveOneWay(round, sameUpTo(2, 2, 3));
    expect(result.assignment).toEqual([1, 2]);
    expect(result.total).toBe(18.5);
    expect(result.removed).toEqual([{ mentee: 1, mentor: 0 }]);
    // A large round keeps the better direction instead.
    expect(solveOneWay(round, sameUpTo(2, 2, 3), largeRound)).toMatchObject({ assignment: [-1, 0], total: 10, removed: [{ mentee: 0, mentor: 1 }] });
  });

  it('in a large round, removes the lower direction of a pair chosen both ways and solves again', () => {
    expect(solveSparseAssignment(problem).assignment.slice(0, 2)).toEqual([1, 0]); // A and B both ways
    const result = solveOneWay(problem, same, largeRound);
    expect(result.removed).toEqual([{ mentee: 0, mentor: 1 }]);
    // A mentors B; B's freed seat goes to C; D and E keep both their directions.
    expect(result.assignment).toEqual([-1, 0, 1, -1, 2, 3]);
    expect(result.total).toBe(6 + 1 + 3 + 10);
    expect(result.solves).toBe(2);
    expect(result.problem.edges.score.length).toBe(5);
  });

  it('in a large round, its last pass keeps only the better direction of every pair that could go both ways', () => {
    const result = solveOneWay(problem, same, { ...largeRound, targetedResolves: 0 });
    expect(result.removed).toEqual(expect.arrayContaining([{ mentee: 0, mentor: 1 }, { mentee: 3, mentor: 3 }]));
    expect(result.removed).toHaveLength(2);
    expect(result.assignment).toEqual([-1, 0, 1, -1, 2, 3]);
    expect(result.solves).toBe(2);
  });

  it('gives way to the later mentor on equal scores', () => {
    const tied = problemOf(2, [1, 1], [[0, 1, 4], [1, 0, 4]]);
    const result = solveOneWay(tied, sameUpTo(2, 2, 2), largeRound);
    expect(result.removed).toEqual([{ mentee: 0, mentor: 1 }]);
    expect(result.assignment).toEqual([-1, 0]);
  });

  it('never pairs anyone both ways: best one-way in a small round, never below the better directions alone in a large one', () => {
    const round = fc
      .record({ twoSided: fc.integer({ min: 1, max: 3 }), onlyMentees: fc.integer({ min: 0, max: 2 }), onlyMentors: fc.integer({ min: 0, max: 1 }) })
      .chain(({ twoSided, onlyMentees, onlyMentors }) => {
        const menteeCount = twoSided + onlyMentees;
        const mentorCount = twoSided + onlyMentors;
        const cells = Array.from({ length: menteeCount * mentorCount }, (_, cell) => [Math.floor(cell / mentorCount), cell % mentorCount] as const)
          .filter(([mentee, mentor]) => mentee !== mentor || mentee >= twoSided);
        return fc.record({
          twoSided: fc.constant(twoSided),
          capacity: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: mentorCount, maxLength: mentorCount }),
          menteeCount: fc.constant(menteeCount),
          // Small whole scores, so ties happen.
          edges: fc.subarray(cells).chain((chosen) => fc.tuple(...chosen.map(([mentee, mentor]) => fc.integer({ min: 1, max: 6 }).map((score) => [mentee, mentor, score] as const)))),
        });
      });
    fc.assert(
      fc.property(round, ({ twoSided, capacity, menteeCount, edges }) => {
        const input = problemOf(menteeCount, capacity, edges);
        const same = sameUpTo(twoSided, menteeCount, capacity.length);
        const best = bruteForceTotal(input, same, 'one-way');
        const small = solveOneWay(input, same);
        expect(pairedBothWays(small.assignment, same)).toBe(false);
        expect(small.total).toBe(best);
        const large = solveOneWay(input, same, largeRound);
        expect(pairedBothWays(large.assignment, same)).toBe(false);
        expect(large.total).toBeLessThanOrEqual(best);
        expect(large.total).toBeGreaterThanOrEqual(bruteForceTotal(input, same, 'better-only'));
        expect(large.total).toBe(solveSparseAssignment(large.problem).total);
      }),
      { numRuns: 300 },
    );
  });
});
