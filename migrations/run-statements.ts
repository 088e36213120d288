import { sql, type Kysely } from 'kysely';

/**
 * Runs DDL statements one at a time, in order. Migrations are plain SQL so
 * constraints and partial indexes read as they will be in the database.
 */
export async function runStatements(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
