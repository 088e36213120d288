import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from './open-database.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const directories: string[] = [];
function tempDir(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mentor-db-'));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('keeps rows across a restart and refuses a second process on the same DATA_DIR', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    await first.db.schema.createTable('notes').addColumn('body', 'text').execute();
    await first.db.insertInto('notes' as never).values({ body: 'kept' } as never).execute();
    await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);
    await first.close();
    expect(existsSync(path.join(dataDir, '.lock'))).toBe(false);

    const second = await openDatabase({ dataDir });
    const rows = await second.db.selectFrom('notes' as never).selectAll().execute();
    expect(rows).toEqual([{ body: 'kept' }]);
    await second.close();
  });

  it('takes over a lock left by a process that died', () => {
    const dataDir = tempDir();
    // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
    writeFileSync(path.join(dataDir, '.lock'), String(4_194_305));
    const lock = lockDataDir(dataDir);
    lock.release();
  });

  it('names the live process holding the lock', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, '.lock'), String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(`in use by process ${process.ppid}`);
  });

  it('explains a damaged data directory and releases the lock', async () => {
    const dataDir = tempDir();
    mkdirSync(path.join(dataDir, 'pglite'));
    writeFileSync(path.join(dataDir, 'pglite', 'PG_VERSION'), 'not a postgres version\n');
    writeFileSync(path.join(dataDir, 'pglite', 'postgresql.conf'), '');
    const error = await openDatabase({ dataDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(/could not be opened .*move that directory aside/s);
    expect(existsSync(path.join(dataDir, '.lock'))).toBe(false);
  });
});

describe('PostgreSQL that does not answer', () => {
  it('retries with backoff, then fails naming the server but not the password', async () => {
    const started = Date.now();
    const error = await openDatabase({ databaseUrl: 'postgres://bot:s3cret-pw@127.0.0.1:1/mentor', dataDir: '', connectAttempts: 3 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('PostgreSQL at postgres://bot@127.0.0.1:1/mentor did not answer after 3 attempts');
    expect(message).not.toContain('s3cret-pw');
    // Two pauses of 250 ms and 500 ms between three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});
