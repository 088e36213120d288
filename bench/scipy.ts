import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SparseAssignmentProblem } from '../core/matching/assignment-problem.js';

// Debian's python, which has python3-scipy; a `python3` earlier on PATH may be a pyenv one without it.
const PYTHON = '/usr/bin/python3';
const SCIPY_SCRIPT = fileURLToPath(new URL('./scipy_round.py', import.meta.url));

export type ScipyAnswer =
  | { readonly available: false; readonly reason: string }
  | { readonly available: true; readonly total: number; readonly buildSeconds: number; readonly solveSeconds: number };

/**
 * Solves the round with scipy's `linear_sum_assignment` (bench/scipy_round.py)
 * for comparison; unavailable, with the reason, when Debian's python3-scipy is
 * not installed or the script fails.
 */
export function solveWithScipy(problem: SparseAssignmentProblem): ScipyAnswer {
  const probe = spawnSync(PYTHON, ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { available: false, reason: `${PYTHON} with scipy not found (apt-get install -y python3-scipy)` };
  const directory = mkdtempSync(join(tmpdir(), 'scipy-round-'));
  try {
    // Raw little-endian arrays: exact doubles, and far faster to write and read than JSON at this size.
    const { menteeCount, mentorCount, capacity, edges } = problem;
    writeFileSync(join(directory, 'round.json'), JSON.stringify({ menteeCount, mentorCount, edgeCount: edges.score.length, capacity: Array.from(capacity) }));
    writeFileSync(join(directory, 'mentee.i32'), edges.mentee);
    writeFileSync(join(directory, 'mentor.i32'), edges.mentor);
    writeFileSync(join(directory, 'score.f64'), edges.score);
    const run = spawnSync(PYTHON, [SCIPY_SCRIPT, directory], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) return { available: false, reason: `scipy_round.py failed: ${run.stderr.trim().split('\n').pop() ?? ''}` };
    const answer = JSON.parse(run.stdout) as { total: number; buildSeconds: number; solveSeconds: number };
    return { available: true, total: answer.total, buildSeconds: answer.buildSeconds, solveSeconds: answer.solveSeconds };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
