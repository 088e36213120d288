import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../adapters/db/migrator.js';
import { openDatabase, type DatabaseHandle } from '../adapters/db/open-database.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'community-reinstall-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI as npm would, on an embedded database of its own (the machine's DATABASE_URL never leaks in). */
function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/community-reinstall.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PUBLIC_URL: 'https://mentor.example.org' },
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/** Opens the CLI's database between runs (the CLI holds it only while it runs). */
async function withDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('npm run community:reinstall', () => {
  it('turns an uninstalled community back on, recorded in its audit log, and says when there is nothing to do', async () => {
    const id = await withDatabase(async ({ db }) => {
      await migrateToLatest(db);
      const row = await db
        .insertInto('communities')
        .values({ platform: 'slack', external_id: 'T-cli', name: 'Leeds Elixir', status: 'INACTIVE', uninstalled_at: new Date('2026-03-01T10:00:00Z') })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });

    const first = run(['--community', 'leeds elixir']);
    expect([first.status, first.stdout]).toEqual([0, `The program is on again in Leeds Elixir (community ${id}). Mentorships the uninstall ended stay ended.`]);
    const after = await withDatabase(async ({ db }) => ({
      community: await db.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', id).executeTakeFirstOrThrow(),
      audit: await db.selectFrom('audit_log').select(['action', 'actor_member_id', 'details']).where('community_id', '=', id).execute(),
    }));
    expect(after.community).toEqual({ status: 'ACTIVE', uninstalled_at: null });
    expect(after.audit).toEqual([{ action: 'community.reinstalled', actor_member_id: null, details: expect.objectContaining({ cause: 'operator', wasUninstalled: true }) }]);

    const again = run(['--community', String(id)]);
    expect([again.status, again.stdout]).toEqual([0, `The program is already on in Leeds Elixir (community ${id}): nothing changed.`]);
  }, 60_000);

  it('explains an unknown community, and its usage', () => {
    const unknown = run(['--community', 'Nowhere']);
    expect([unknown.status, unknown.stderr]).toEqual([1, 'No community has the id or name "Nowhere".']);
    const usage = run([]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run community:reinstall -- --community <id or name>');
  }, 60_000);
});
