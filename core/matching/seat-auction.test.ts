import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseToSparse } from './assignment-problem.js';
import type { AssignmentProblem } from './assignment-problem.js';
import { buildMenteeAdjacency } from './mentee-adjacency.js';
import type { MenteeAdjacency } from './mentee-adjacency.js';
import { generateRoundProblem } from './problem-generator.js';
import { auctionSeats } from './seat-auction.js';

const TOLERANCE = 1e-9;

// The conditions completeAssignment relies on; see the comment on AugmentingPathSearch.
function expectValidStart(graph: MenteeAdjacency): void {
  const { mentorOf, scoreOf, price, pending } = auctionSeats(graph);
  const isPending = new Set(pending);
  const load = new Int32Array(graph.mentorCount);
  for (let mentee = 0; mentee < graph.menteeCount; mentee++) {
    const mentor = mentorOf[mentee]!;
    if (mentor !== -1) {
      expect(isPending.has(mentee)).toBe(false);
      load[mentor]!++;
    }
    if (isPending.has(mentee)) continue;
    // A placed mentee's profit is its score minus its mentor's price; an unplaced one's is 0.
    const profit = mentor === -1 ? 0 : scoreOf[mentee]! - price[mentor]!;
    expect(profit).toBeGreaterThanOrEqual(-TOLERANCE);
    for (let edge = graph.rowStart[mentee]!; edge < graph.rowStart[mentee + 1]!; edge++) {
      const other = graph.edgeMentor[edge]!;
      if (other === mentor) expect(graph.edgeScore[edge]).toBe(scoreOf[mentee]);
      expect(profit + price[other]!).toBeGreaterThanOrEqual(graph.edgeScore[edge]! - TOLERANCE);
    }
  }
  for (let mentor = 0; mentor < graph.mentorCount; mentor++) {
    expect(load[mentor]).toBeLessThanOrEqual(graph.seats[mentor]!);
    expect(price[mentor]).toBeGreaterThanOrEqual(0);
    if (price[mentor]! > 0) expect(load[mentor]).toBe(graph.seats[mentor]);
  }
}

const problem: fc.Arbitrary<AssignmentProblem> = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 8 }))
  .chain(([mentees, mentors]) =>
    fc.record({
      scores: fc.array(
        fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.5, max: 50, noNaN: true })), {
          minLength: mentors,
          maxLength: mentors,
        }),
        { minLength: mentees, maxLength: mentees },
      ),
      capacity: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: mentors, maxLength: mentors }),
    }),
  );

describe('auctionSeats', () => {
  it('leaves a valid start for the exact search on random rounds', () => {
    fc.assert(
      fc.property(problem, (round) => expectValidStart(buildMenteeAdjacency(denseToSparse(round)))),
      { numRuns: 300 },
    );
  });

  it('leaves a valid start on generated rounds with too few and too many seats', () => {
    for (const capacity of [1, 3, 8]) {
      expectValidStart(buildMenteeAdjacency(generateRoundProblem({ mentees: 400, mentors: 100, capacity, seed: capacity })));
    }
  });

  it('places a mentee whose only choice is uncontested', () => {
    const start = auctionSeats(buildMenteeAdjacency(denseToSparse({ scores: [[4, null], [null, 2]], capacity: [1, 1] })));
    expect(Array.from(start.mentorOf)).toEqual([0, 1]);
    expect(start.pending).toHaveLength(0);
  });
});
