import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseToSparse } from './assignment-problem.js';
import type { AssignmentProblem, AssignmentResult } from './assignment-problem.js';
import { solveAssignment, solveSparseAssignment } from './assignment-solver.js';
import { coldStart, completeAssignment } from './augmenting-path-search.js';
import { solveGreedy } from './greedy-assignment.js';
import { buildMenteeAdjacency } from './mentee-adjacency.js';
import { generateDenseRoundProblem, generateRoundProblem } from './problem-generator.js';

// Slow, obviously correct references to check the solver against.

/** Tries every choice (a mentor or none) for every mentee; fine up to about 6 mentees and 4 mentors. */
function bruteForceOptimum(problem: AssignmentProblem): number {
  const seatsLeft = problem.capacity.slice();
  const explore = (mentee: number): number => {
    if (mentee === problem.scores.length) return 0;
    let best = explore(mentee + 1);
    problem.scores[mentee]!.forEach((score, mentor) => {
      if (score === null || seatsLeft[mentor] === 0) return;
      seatsLeft[mentor]!--;
      best = Math.max(best, score + explore(mentee + 1));
      seatsLeft[mentor]!++;
    });
    return best;
  };
  return explore(0);
}

/**
 * Min-cost flow with Bellman-Ford shortest paths on an explicit network (source, mentees, mentors,
 * sink), stopping once no path lowers the cost. Slow but independent of the solver's design, so it can
 * check rounds too large for brute force.
 */
function bellmanFordOptimum(problem: AssignmentProblem): number {
  const menteeCount = problem.scores.length;
  const mentorCount = problem.capacity.length;
  const source = menteeCount + mentorCount;
  const sink = source + 1;
  const arcs: { from: number; to: number; capacity: number; cost: number }[] = [];
  const addArc = (from: number, to: number, capacity: number, cost: number): void => {
    arcs.push({ from, to, capacity, cost }, { from: to, to: from, capacity: 0, cost: -cost });
  };
  problem.scores.forEach((row, mentee) => {
    addArc(source, mentee, 1, 0);
    row.forEach((score, mentor) => {
      if (score !== null) addArc(mentee, menteeCount + mentor, 1, -score);
    });
  });
  problem.capacity.forEach((seats, mentor) => addArc(menteeCount + mentor, sink, seats, 0));

  // Scores reach 1,000 and paths add up to ~50 of them, so rounding errors reach 1e-11: an absolute
  // tolerance below that lets rounding noise pose as improving cycles.
  const tolerance = 1e-9;
  let cost = 0;
  for (;;) {
    const distance = new Array<number>(sink + 1).fill(Infinity);
    const via = new Array<number>(sink + 1).fill(-1);
    distance[source] = 0;
    for (let round = 0; round <= sink; round++) {
      let changed = false;
      arcs.forEach((arc, index) => {
        if (arc.capacity > 0 && distance[arc.from]! + arc.cost < distance[arc.to]! - tolerance) {
          distance[arc.to] = distance[arc.from]! + arc.cost;
          via[arc.to] = index;
          changed = true;
        }
      });
      if (!changed) break;
    }
    if (!(distance[sink]! < -tolerance)) return -cost;
    // A path has at most one arc per node; more means the pointers loop (a rounding cycle), which
    // must fail the test loudly rather than spin forever where no test timeout can interrupt it.
    let steps = 0;
    for (let node = sink; node !== source; node = arcs[via[node]!]!.from) {
      if (++steps > sink + 1) throw new Error('the Bellman-Ford reference met a cycle: its tolerance is too tight for these scores');
      arcs[via[node]!]!.capacity--;
      arcs[via[node]! ^ 1]!.capacity++;
    }
    cost += distance[sink]!;
  }
}

/** Throws when the result breaks a rule of the round; returns the chosen scores summed in mentee order. */
function expectFeasible(problem: AssignmentProblem, result: AssignmentResult): number {
  if (result.assignment.length !== problem.scores.length) throw new Error('one entry per mentee expected');
  const taken = new Array<number>(problem.capacity.length).fill(0);
  let total = 0;
  result.assignment.forEach((mentor, mentee) => {
    if (mentor === -1) return;
    const score = problem.scores[mentee]![mentor];
    if (score === undefined || score === null) throw new Error(`mentee ${mentee} got forbidden mentor ${mentor}`);
    taken[mentor]!++;
    total += score;
  });
  taken.forEach((count, mentor) => {
    if (count > problem.capacity[mentor]!) throw new Error(`mentor ${mentor} has ${count} mentees, capacity ${problem.capacity[mentor]}`);
  });
  return total;
}

// Integers make ties and equal-gain paths common; fractions exercise rounding.
const score = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 6 }),
  fc.double({ min: 0.001, max: 1000, noNaN: true, noDefaultInfinity: true }),
);

const smallProblem = (maxMentees: number, maxMentors: number, maxCapacity: number): fc.Arbitrary<AssignmentProblem> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxMentees }), fc.integer({ min: 0, max: maxMentors }))
    .chain(([mentees, mentors]) =>
      fc.record({
        scores: fc.array(fc.array(score, { minLength: mentors, maxLength: mentors }), { minLength: mentees, maxLength: mentees }),
        capacity: fc.array(fc.integer({ min: 0, max: maxCapacity }), { minLength: mentors, maxLength: mentors }),
      }),
    );

const closeTo = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

describe('solveAssignment', () => {
  it('is feasible and matches brute force on small rounds', () => {
    fc.assert(
      fc.property(smallProblem(6, 4, 3), (problem) => {
        const result = solveAssignment(problem);
        expect(result.total).toBe(expectFeasible(problem, result));
        closeTo(result.total, bruteForceOptimum(problem));
      }),
      { numRuns: 500 },
    );
  });

  it('is optimal from a cold start too, without the auction', () => {
    // The auction settles most small rounds alone; this keeps the exact search itself under test.
    fc.assert(
      fc.property(smallProblem(25, 8, 4), (problem) => {
        const graph = buildMenteeAdjacency(denseToSparse(problem));
        const { mentorOf, scoreOf } = completeAssignment(graph, coldStart(graph));
        const total = scoreOf.reduce((sum, score) => sum + score, 0);
        expect(total).toBe(expectFeasible(problem, { assignment: Array.from(mentorOf), total }));
        closeTo(total, bellmanFordOptimum(problem));
      }),
      { numRuns: 60 },
    );
  });

  it('matches a Bellman-Ford min-cost flow on larger rounds', () => {
    fc.assert(
      fc.property(smallProblem(25, 8, 4), (problem) => {
        const result = solveAssignment(problem);
        expect(result.total).toBe(expectFeasible(problem, result));
        closeTo(result.total, bellmanFordOptimum(problem));
      }),
      { numRuns: 60 },
    );
  });

  it('matches Bellman-Ford on generated rounds, including ones with too few seats', () => {
    for (const [mentees, mentors, capacity] of [[40, 12, 2], [60, 10, 3], [30, 30, 1]] as const) {
      const problem = generateDenseRoundProblem({ mentees, mentors, capacity, seed: mentees + mentors });
      const result = solveAssignment(problem);
      expect(result.total).toBe(expectFeasible(problem, result));
      closeTo(result.total, bellmanFordOptimum(problem));
    }
  });

  it('gives the same answer from the dense and the sparse form', () => {
    const sparse = generateRoundProblem({ mentees: 120, mentors: 40, capacity: 2, seed: 7 });
    const dense = generateDenseRoundProblem({ mentees: 120, mentors: 40, capacity: 2, seed: 7 });
    expect(solveSparseAssignment(sparse)).toEqual(solveAssignment(dense));
  });

  it('handles empty rounds', () => {
    expect(solveAssignment({ scores: [], capacity: [] })).toEqual({ assignment: [], total: 0 });
    expect(solveAssignment({ scores: [], capacity: [2, 1] })).toEqual({ assignment: [], total: 0 });
    expect(solveAssignment({ scores: [[], []], capacity: [] })).toEqual({ assignment: [-1, -1], total: 0 });
  });

  it('leaves everyone unassigned when no pair is allowed or no mentor has a seat', () => {
    expect(solveAssignment({ scores: [[null, null], [null, null]], capacity: [1, 1] })).toEqual({ assignment: [-1, -1], total: 0 });
    expect(solveAssignment({ scores: [[3, 4], [5, 6]], capacity: [0, 0] })).toEqual({ assignment: [-1, -1], total: 0 });
  });

  it('uses a mentor with capacity 0 for nobody', () => {
    const result = solveAssignment({ scores: [[9, 1], [9, 2]], capacity: [0, 2] });
    expect(result).toEqual({ assignment: [1, 1], total: 3 });
  });

  it('beats greedy when taking the best pair first is wrong', () => {
    // Greedy takes 10 (mentee 0 with mentor 0) and strands mentee 1; the optimum is 9 + 9.
    const problem: AssignmentProblem = { scores: [[10, 9], [9, null]], capacity: [1, 1] };
    const greedy = solveGreedy(denseToSparse(problem));
    const exact = solveAssignment(problem);
    expect(greedy.total).toBe(10);
    expect(exact).toEqual({ assignment: [1, 0], total: 18 });
  });

  it('beats greedy on a generated round', () => {
    const problem = generateRoundProblem({ mentees: 300, mentors: 100, capacity: 2, seed: 3 });
    expect(solveSparseAssignment(problem).total).toBeGreaterThan(solveGreedy(problem).total);
  });

  it('resolves ties with a full, optimal assignment', () => {
    const result = solveAssignment({ scores: [[5, 5], [5, 5], [5, 5]], capacity: [1, 2] });
    expect(result.total).toBe(15);
    expect(result.assignment.filter((mentor) => mentor === 1)).toHaveLength(2);
  });

  it('drops a mentee when that frees a seat for a better pair', () => {
    // Mentee 0 arrives first and takes the only seat; mentee 1 is worth more there.
    expect(solveAssignment({ scores: [[2], [7]], capacity: [1] })).toEqual({ assignment: [-1, 0], total: 7 });
  });

  it('rejects inconsistent shapes with a clear message', () => {
    expect(() => solveAssignment({ scores: [[1, 2]], capacity: [1] })).toThrow('scores[0] has 2 entries but capacity has 1');
    expect(() => solveAssignment({ scores: [[1], [1, 2]], capacity: [1] })).toThrow('scores[1] has 2 entries');
    expect(() => solveAssignment({ scores: [[1]], capacity: [-1] })).toThrow('capacity[0] must be a non-negative integer');
    expect(() => solveAssignment({ scores: [[1]], capacity: [1.5] })).toThrow('capacity[0] must be a non-negative integer');
    for (const bad of [0, -2, Number.NaN, Infinity]) {
      expect(() => solveAssignment({ scores: [[null, bad]], capacity: [1, 1] })).toThrow('mentee 0 with mentor 1 must be a positive finite number');
    }
  });

  it('rejects inconsistent sparse input', () => {
    const edges = (mentee: number[], mentor: number[], score: number[]) => ({
      mentee: Int32Array.from(mentee),
      mentor: Int32Array.from(mentor),
      score: Float64Array.from(score),
    });
    const base = { menteeCount: 2, mentorCount: 2, capacity: [1, 1] };
    expect(() => solveSparseAssignment({ ...base, capacity: [1], edges: edges([], [], []) })).toThrow('capacity has 1 entries but there are 2 mentors');
    expect(() => solveSparseAssignment({ ...base, edges: edges([0], [0, 1], [1]) })).toThrow('must have the same length');
    expect(() => solveSparseAssignment({ ...base, edges: edges([2], [0], [1]) })).toThrow('edge 0: mentee 2 is outside 0..1');
    expect(() => solveSparseAssignment({ ...base, edges: edges([0], [-1], [1]) })).toThrow('edge 0: mentor -1 is outside 0..1');
    expect(() => solveSparseAssignment({ ...base, edges: edges([1, 1], [0, 0], [1, 2]) })).toThrow('mentee 1, mentor 0 is listed more than once');
    expect(() => solveSparseAssignment({ ...base, menteeCount: -1, edges: edges([], [], []) })).toThrow('menteeCount must be a non-negative integer');
  });
});
