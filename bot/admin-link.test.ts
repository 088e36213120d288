import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'admin-link-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs a CLI as npm would, on an embedded database of its own (the machine's DATABASE_URL never leaks in). */
function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PUBLIC_URL: 'https://mentor.example.org' },
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

describe('npm run admin:link', () => {
  it('prints a sign-in link for the first owner of the community named', () => {
    expect(run('bot/seed.ts', []).status).toBe(0);
    const byName = run('bot/admin-link.ts', ['--community', 'demo tech meetup']);
    expect(byName.stderr).toContain('owner of Demo Tech Meetup');
    expect(byName.status).toBe(0);
    expect(byName.stdout).toMatch(/^https:\/\/mentor\.example\.org\/login\/[A-Za-z0-9_-]{43}$/);
    const byId = run('bot/admin-link.ts', ['--community', '1']);
    expect(byId.status).toBe(0);
    expect(byId.stdout).not.toBe(byName.stdout);
  }, 60_000);

  it('explains an unknown community, and its usage', () => {
    const unknown = run('bot/admin-link.ts', ['--community', 'Nowhere']);
    expect([unknown.status, unknown.stderr]).toEqual([1, 'No community has the id or name "Nowhere".']);
    const usage = run('bot/admin-link.ts', []);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run admin:link -- --community <id or name>');
  }, 60_000);
});
