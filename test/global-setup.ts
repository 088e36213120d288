import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { wrapPglite } from '../adapters/db/open-database.js';
import { openDatabase } from '../adapters/db/open-database.js';
import { migrateToLatest } from '../adapters/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** 'pglite': each test file loads `pgliteTemplate`; 'postgres': each clones `postgresTemplate`. */
    databaseKind: 'pglite' | 'postgres';
    pgliteTemplate: string;
    postgresAdminUrl: string;
    postgresTemplate: string;
    runId: string;
  }
}

function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Migrates one template per test run, so each test file starts from a copy of
 * a fully migrated database instead of running every migration again.
 * With DATABASE_URL set, the run gets its own databases on that server
 * (prefixed with the run id) and drops them at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  project.provide('runId', runId);
  const adminUrl = process.env.DATABASE_URL;

  if (!adminUrl) {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'mentor-test-'));
    const pglite = await PGlite.create();
    const handle = wrapPglite(pglite);
    await migrateToLatest(handle.db);
    const dump = await pglite.dumpDataDir('none');
    const templatePath = path.join(directory, 'template.tar');
    writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    project.provide('databaseKind', 'pglite');
    project.provide('pgliteTemplate', templatePath);
    project.provide('postgresAdminUrl', '');
    project.provide('postgresTemplate', '');
    return async () => rmSync(directory, { recursive: true, force: true });
  }

  const template = `mentor_test_${runId}_template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  // A missing server fails the run here, loudly: CI must never fall back silently.
  await admin.connect();
  await admin.query(`create database ${template}`);
  const handle = await openDatabase({ databaseUrl: databaseUrlWithName(adminUrl, template), dataDir: '', connectAttempts: 1, poolSize: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  await admin.end();
  project.provide('databaseKind', 'postgres');
  project.provide('pgliteTemplate', '');
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', template);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`mentor_test_${runId}_%`],
    );
    for (const row of rows) await cleanup.query(`drop database if exists ${row.datname} with (force)`);
    await cleanup.end();
  };
}

