import { describe, expect, it } from 'vitest';
import { denseToSparse, sparseToDense } from './assignment-problem.js';
import { generateRoundProblem } from './problem-generator.js';

describe('generateRoundProblem', () => {
  const options = { mentees: 200, mentors: 60, capacity: 3, seed: 42 };

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateRoundProblem(options)).toEqual(generateRoundProblem(options));
    expect(generateRoundProblem({ ...options, seed: 43 }).edges.score).not.toEqual(generateRoundProblem(options).edges.score);
  });

  it('lists each allowed pair once, with a positive score, and forbids many pairs', () => {
    const { menteeCount, mentorCount, capacity, edges } = generateRoundProblem(options);
    expect(capacity).toEqual(new Array(60).fill(3));
    const seen = new Set<number>();
    for (let edge = 0; edge < edges.score.length; edge++) {
      expect(edges.mentee[edge]).toBeLessThan(menteeCount);
      expect(edges.mentor[edge]).toBeLessThan(mentorCount);
      expect(edges.score[edge]).toBeGreaterThan(0);
      seen.add(edges.mentee[edge]! * mentorCount + edges.mentor[edge]!);
    }
    expect(seen.size).toBe(edges.score.length);
    const density = edges.score.length / (menteeCount * mentorCount);
    expect(density).toBeGreaterThan(0.05);
    expect(density).toBeLessThan(0.6);
    // Small terms (time zone, experience) make almost every score distinct.
    expect(new Set(edges.score).size).toBeGreaterThan(edges.score.length * 0.9);
  });

  it('round-trips through the dense form', () => {
    const sparse = generateRoundProblem({ ...options, mentees: 20, mentors: 8 });
    const dense = sparseToDense(sparse);
    expect(dense.scores).toHaveLength(20);
    expect(denseToSparse(dense)).toEqual(sparse);
  });

  it('rejects sizes that are not non-negative integers', () => {
    expect(() => generateRoundProblem({ ...options, mentees: -1 })).toThrow('mentees must be a non-negative integer');
    expect(() => generateRoundProblem({ ...options, skillCount: 0 })).toThrow('skillCount must be a positive integer');
  });
});
