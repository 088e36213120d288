import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from '../../core/store/database.js';
import type { Logger } from '../../bot/logger.js';
import { describeUrl } from '../../bot/logger.js';
import { lockDataDir } from './data-dir-lock.js';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'postgres' | 'pglite';
  /** Throws when the database does not answer (readiness check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when the database cannot be opened; its message says why and what to do. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  logger?: Logger;
  /** Connection attempts against PostgreSQL before giving up (backoff doubles from 250 ms). */
  connectAttempts?: number;
  /** pg pool size; PGlite always uses one connection. */
  poolSize?: number;
}

// Postgres int8 and numeric arrive as strings by default; counts and ids in
// this schema fit in a double, so parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));
// A calendar date stays 'YYYY-MM-DD': a JS Date would pin it to local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir);
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its connection emits 'error' on the pool; without
  // a listener that would crash the process.
  pool.on('error', (error) => options.logger?.warn({ err: error.message }, 'postgres idle client error'));
  const attempts = options.connectAttempts ?? 6;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await pool.query('select 1');
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
      if (attempt < attempts) {
        const delayMs = 250 * 2 ** (attempt - 1);
        options.logger?.warn({ attempt, delayMs, err: (error as Error).message }, 'postgres did not answer, retrying');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
  if (lastError) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(
      `PostgreSQL at ${describeUrl(url)} did not answer after ${attempts} attempts: ${(lastError as Error).message}`,
      { cause: lastError },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const directory = path.resolve(dataDir, 'pglite');
  const lock = lockDataDir(path.resolve(dataDir));
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(directory);
  } catch (error) {
    lock.release();
    throw new DatabaseUnavailableError(
      `The embedded database in ${directory} could not be opened (${(error as Error).message}). ` +
        'If it is damaged, move that directory aside and start again to create a fresh one.',
      { cause: error },
    );
  }
  return wrapPglite(pglite, () => lock.release());
}

/** Kysely over an open PGlite through its node-postgres shim, with a pool of one. */
export function wrapPglite(pglite: PGlite, onClose: () => void = () => undefined): DatabaseHandle {
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async ping() {
      await pglite.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
      onClose();
    },
  };
}
