import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../migrations/index.js';

/** Raised when a migration fails; the database is left as it was before that migration. */
export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationStatusRow {
  name: string;
  appliedAt: Date | null;
}

function migratorFor(db: Kysely<any>): Migrator {
  // Kysely runs migrations in one transaction and, on PostgreSQL, holds
  // pg_advisory_xact_lock for it, so replicas starting together never race.
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(results: MigrationResult[] | undefined, error: unknown): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new MigrationError(
      `Migration ${failed ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { results, error } = await migratorFor(db).migrateToLatest();
  return check(results, error);
}

/** Undoes the last applied migration; returns its name (empty when none was applied). */
export async function migrateDown(db: Kysely<any>): Promise<string[]> {
  const { results, error } = await migratorFor(db).migrateDown();
  return check(results, error);
}

/** Every known migration and when it was applied (null: pending). */
export async function migrationStatus(db: Kysely<any>): Promise<MigrationStatusRow[]> {
  const known = await migratorFor(db).getMigrations();
  return known.map((migration) => ({ name: migration.name, appliedAt: migration.executedAt ?? null }));
}
