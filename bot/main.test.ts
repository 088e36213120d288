import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresTestDatabase } from '../test/database.js';

const projectRoot = path.resolve(import.meta.dirname, '..');

/** The environment of a child process: only what we pass, so the test machine's settings never leak in. */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...extra };
}

function startMain(env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: projectRoot, env });
}

function waitForExit(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with the URL the web server logged once it listens. */
function waitForListening(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'web server listening' && entry.url) resolve(entry.url);
        } catch {
          // a partial line: wait for the rest
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`bot exited with ${code} before listening`)));
  });
}

describe('npm start (bot/main.ts)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mentor-main-'));
  const services: Record<string, string> = {};
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (inject('databaseKind') === 'postgres') {
      const database = await createPostgresTestDatabase();
      // The server trusts local connections, so the password is ignored; it is here to prove it is never logged.
      const url = new URL(database.url);
      url.password = 'never-logged-pw';
      services.DATABASE_URL = url.toString();
      dropDatabase = database.drop;
    }
    if (process.env.REDIS_URL) services.REDIS_URL = process.env.REDIS_URL;
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  });

  it('refuses bad settings with exit code 1, naming each variable and no value', async () => {
    const result = await waitForExit(startMain(childEnvironment({ PORT: 'eighty', REDIS_URL: 'http://user:pa55word@cache', DATA_DIR: dataDir })));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    expect(result.stderr + result.stdout).not.toContain('pa55word');
  });

  it('answers /healthz and /readyz, then stops cleanly on SIGTERM', async () => {
    const child = startMain(childEnvironment({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...services }));
    const exit = waitForExit(child);
    const url = await waitForListening(child);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const readiness = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(readiness.status).toBe('ready');
    expect(readiness.checks.database).toEqual({ ok: true });
    expect(readiness.checks[services.REDIS_URL ? 'redis' : 'coordination']).toEqual({ ok: true });

    const stopAsked = Date.now();
    child.kill('SIGTERM');
    const result = await exit;
    expect(result.code).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
    expect(result.stdout).toContain('shut down cleanly');
    expect(result.stdout).not.toContain('never-logged-pw');
  });
});
