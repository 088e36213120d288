import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, wrapPglite, type DatabaseHandle } from '../adapters/db/open-database.js';
import type { Database } from '../core/store/database.js';

/**
 * A fresh, fully migrated database for one test file: a PGlite loaded from the
 * run's template, or (with DATABASE_URL set) a new PostgreSQL database cloned
 * from the run's template database and dropped on close.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (inject('databaseKind') === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const pglite = await PGlite.create({ loadDataDir: template });
    return wrapPglite(pglite);
  }
  const created = await createPostgresTestDatabase();
  const handle = await openDatabase({ databaseUrl: created.url, dataDir: '', connectAttempts: 1, poolSize: 8 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await created.drop();
    },
  };
}

/**
 * A new, migrated PostgreSQL database for this run (only when DATABASE_URL is
 * set): its URL, and a function that drops it.
 */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('createPostgresTestDatabase needs DATABASE_URL');
  const name = `mentor_test_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await createDatabaseFromTemplate(admin, name, inject('postgresTemplate'));
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function createDatabaseFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  // Two workers cloning the template at the same instant can collide ("source
  // database is being accessed by other users"); a short retry settles it.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Registers a fresh database for the calling test file; read `.db` inside tests. */
export function useTestDatabase(): { readonly db: Kysely<Database>; readonly handle: DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get handle() {
      if (!handle) throw new Error('useTestDatabase: the database is only ready inside tests');
      return handle;
    },
    get db() {
      return this.handle.db;
    },
  };
}
