import { sql, type Kysely } from 'kysely';
import type { Database } from '../core/store/database.js';

/**
 * The tables with a row that holds `text` anywhere, each row read whole as
 * text: how a test proves something (a message a member wrote) was never stored.
 */
export async function tablesHolding(db: Kysely<Database>, text: string): Promise<string[]> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  const holding: string[] = [];
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ hit: boolean }>`select exists (select 1 from ${sql.table(name)} as t where t::text like ${`%${text}%`}) as hit`.execute(db);
    if (rows[0]?.hit) holding.push(name);
  }
  return holding;
}
