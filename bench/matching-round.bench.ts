import { pathToFileURL } from 'node:url';
import { solveAssignment, solveSparseAssignment } from '../core/matching/assignment-solver.js';
import type { SparseAssignmentProblem } from '../core/matching/assignment-solver.js';
import { sparseToDense } from '../core/matching/assignment-problem.js';
import { solveGreedy } from '../core/matching/greedy-assignment.js';
import { generateRoundProblem } from '../core/matching/problem-generator.js';
import { solveWithScipy } from './scipy.js';


export type MatchingRoundBenchOptions = { mentees?: number; mentors?: number; capacity?: number; seed?: number; runs?: number };

export type ScipyComparison =
  | { available: false; reason: string }
  | { available: true; total: number; buildMs: number; solveMs: number; relativeDifference: number; totalsMatch: boolean; solveRatio: number };

export type MatchingRoundBenchResult = {
  instance: { mentees: number; mentors: number; capacity: number; seed: number; edges: number; density: number; generateMs: number };
  solver: { runsMs: number[]; bestMs: number; medianMs: number; denseInputMs: number; total: number; assigned: number };
  greedy: { ms: number; total: number; lossPercent: number };
  scipy: ScipyComparison;
};

/**
 * Times the exact solver on a realistic round (5,000 mentees, 2,000 mentors with 3 seats each by
 * default), compares its total with greedy's and with scipy's `linear_sum_assignment` when Debian's
 * python3-scipy is installed.
 */
export function runMatchingRoundBench(options: MatchingRoundBenchOptions = {}): MatchingRoundBenchResult {
  const { mentees = 5000, mentors = 2000, capacity = 3, seed = 2024, runs = 3 } = options;
  let started = performance.now();
  const problem = generateRoundProblem({ mentees, mentors, capacity, seed });
  const generateMs = performance.now() - started;
  const edges = problem.edges.score.length;

  // No warm-up run: the first, cold call is what a real matching round pays.
  const runsMs: number[] = [];
  let exact = { assignment: [] as number[], total: 0 };
  for (let run = 0; run < Math.max(1, runs); run++) {
    started = performance.now();
    exact = solveSparseAssignment(problem);
    runsMs.push(performance.now() - started);
  }
  const sorted = [...runsMs].sort((left, right) => left - right);

  // The dense entry point on the same round: the price of a (number | null)[][] input at this size.
  const dense = sparseToDense(problem);
  started = performance.now();
  solveAssignment(dense);
  const denseInputMs = performance.now() - started;

  started = performance.now();
  const greedy = solveGreedy(problem);
  const greedyMs = performance.now() - started;

  const bestMs = sorted[0]!;
  return {
    instance: { mentees, mentors, capacity, seed, edges, density: edges / Math.max(1, mentees * mentors), generateMs },
    solver: {
      runsMs,
      bestMs,
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      denseInputMs,
      total: exact.total,
      assigned: exact.assignment.filter((mentor) => mentor !== -1).length,
    },
    greedy: { ms: greedyMs, total: greedy.total, lossPercent: exact.total > 0 ? (100 * (exact.total - greedy.total)) / exact.total : 0 },
    scipy: compareWithScipy(problem, exact.total, bestMs),
  };
}

function compareWithScipy(problem: SparseAssignmentProblem, exactTotal: number, exactMs: number): ScipyComparison {
  const answer = solveWithScipy(problem);
  if (!answer.available) return answer;
  const relativeDifference = Math.abs(answer.total - exactTotal) / Math.max(1, Math.abs(exactTotal));
  return {
    available: true,
    total: answer.total,
    buildMs: answer.buildSeconds * 1000,
    solveMs: answer.solveSeconds * 1000,
    relativeDifference,
    totalsMatch: relativeDifference <= 1e-9,
    solveRatio: (answer.solveSeconds * 1000) / exactMs,
  };
}

function report(result: MatchingRoundBenchResult): void {
  const { instance, solver, greedy, scipy } = result;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `round: ${instance.mentees} mentees x ${instance.mentors} mentors, capacity ${instance.capacity}, seed ${instance.seed}: ` +
      `${instance.edges} allowed pairs (${(100 * instance.density).toFixed(1)}%), generated in ${ms(instance.generateMs)}`,
  );
  console.log(
    `exact solver (sparse input): best ${ms(solver.bestMs)}, median ${ms(solver.medianMs)} over ${solver.runsMs.length} runs; ` +
      `total ${solver.total}, ${solver.assigned} mentees assigned`,
  );
  console.log(`exact solver (dense input): ${ms(solver.denseInputMs)}`);
  console.log(`greedy: ${ms(greedy.ms)}, total ${greedy.total}, ${greedy.lossPercent.toFixed(2)}% below the optimum`);
  if (!scipy.available) {
    console.log(`scipy comparison skipped: ${scipy.reason}`);
    return;
  }
  console.log(
    `scipy linear_sum_assignment: solve ${ms(scipy.solveMs)} (+ ${ms(scipy.buildMs)} building the matrix), total ${scipy.total}; ` +
      `totals ${scipy.totalsMatch ? 'match' : 'DIFFER'} (relative difference ${scipy.relativeDifference.toExponential(2)}); ` +
      `scipy solve / exact solver best = ${scipy.solveRatio.toFixed(2)}x`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = runMatchingRoundBench();
  report(result);
  if (result.scipy.available && !result.scipy.totalsMatch) process.exitCode = 1;
}
