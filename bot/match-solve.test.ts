import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'match-solve-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Runs the CLI the way `npm run match:solve` does, on a file holding `content` (written as is).
function solveFile(content: string | null, name = 'round.json') {
  const file = join(directory, name);
  if (content !== null) writeFileSync(file, content);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bot/match-solve.ts', file], { cwd: projectRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.trim(), file };
}

describe('match:solve', () => {
  it('prints the optimal assignment as JSON and exits 0', () => {
    const run = solveFile(JSON.stringify({ scores: [[10, 9], [9, null], [null, 1]], capacity: [1, 1] }));
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('{"assignment":[1,0,-1],"total":18}\n');
  });

  it('accepts a round without mentees', () => {
    const run = solveFile(JSON.stringify({ scores: [], capacity: [2, 3] }));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ assignment: [], total: 0 });
  });

  it.each([
    ['a score that is not a positive number', '{"scores": [[1, 2], [3, 0]], "capacity": [1, 1]}', 'scores[1][1] must be a positive number or null'],
    ['a score that is a string', '{"scores": [[1, "2"]], "capacity": [1, 1]}', 'scores[0][1] must be a positive number or null'],
    ['an infinite score', '{"scores": [[1e999]], "capacity": [1]}', 'scores[0][0] must be a positive number or null'],
    ['ragged rows', '{"scores": [[1, 2], [3]], "capacity": [1, 1]}', 'scores[1] has 1 entry but scores[0] has 2 entries'],
    ['a row that is not an array', '{"scores": [1], "capacity": [1]}', 'scores[0] must be an array'],
    ['a capacity per mentor missing', '{"scores": [[1, 2]], "capacity": [1]}', 'capacity has 1 entry but scores has 2 mentor columns'],
    ['a fractional capacity', '{"scores": [[1, 2]], "capacity": [1, 1.5]}', 'capacity[1] must be a non-negative integer'],
    ['a negative capacity', '{"scores": [[1]], "capacity": [-1]}', 'capacity[0] must be a non-negative integer'],
    ['no capacity', '{"scores": [[1]]}', 'capacity must be an array with one non-negative integer per mentor'],
    ['not an object', '[1, 2]', 'the file must hold a JSON object'],
    ['invalid JSON', '{"scores": [[1]', 'is not valid JSON'],
  ])('rejects %s with exit code 2', (_case, content, message) => {
    const run = solveFile(content);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('reports a missing file with exit code 2', () => {
    const run = solveFile(null, 'missing.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`match:solve: cannot read ${run.file}: no such file`);
  });
});
