import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { SkillTemplate } from './default-skills.js';

export interface Skill {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
  readonly category: string;
  readonly archivedAt: Date | null;
}

const columns = ['id', 'name', 'slug', 'category', 'archived_at'] as const;

function toSkill(row: { id: number; name: string; slug: string; category: string; archived_at: Date | null }): Skill {
  return { id: row.id, name: row.name, slug: row.slug, category: row.category, archivedAt: row.archived_at };
}

/** The community's catalog, by category then name; archived skills only when asked for. */
export async function listSkills(db: Kysely<Database>, communityId: number, options: { includeArchived?: boolean } = {}): Promise<Skill[]> {
  let query = db.selectFrom('skills').select(columns).where('community_id', '=', communityId);
  if (!options.includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query.orderBy('category').orderBy('name').execute();
  return rows.map(toSkill);
}

export async function findSkill(db: Kysely<Database>, communityId: number, skillId: number): Promise<Skill | null> {
  const row = await db.selectFrom('skills').select(columns).where('community_id', '=', communityId).where('id', '=', skillId).executeTakeFirst();
  return row ? toSkill(row) : null;
}

export async function countActiveSkills(db: Kysely<Database>, communityId: number): Promise<number> {
  const row = await db
    .selectFrom('skills')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('community_id', '=', communityId)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Inserts skills; an existing slug or name (case-insensitive) is left as it is. */
export async function insertSkills(db: Kysely<Database>, communityId: number, skills: readonly SkillTemplate[]): Promise<Skill[]> {
  if (skills.length === 0) return [];
  const rows = await db
    .insertInto('skills')
    .values(skills.map((skill) => ({ community_id: communityId, name: skill.name, slug: skill.slug, category: skill.category })))
    .onConflict((conflict) => conflict.doNothing())
    .returning(columns)
    .execute();
  return rows.map(toSkill);
}

export async function updateSkill(
  db: Kysely<Database>,
  communityId: number,
  skillId: number,
  changes: { name?: string; slug?: string; category?: string; archivedAt?: Date | null },
): Promise<Skill | null> {
  const row = await db
    .updateTable('skills')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.slug !== undefined ? { slug: changes.slug } : {}),
      ...(changes.category !== undefined ? { category: changes.category } : {}),
      ...(changes.archivedAt !== undefined ? { archived_at: changes.archivedAt } : {}),
    })
    .where('community_id', '=', communityId)
    .where('id', '=', skillId)
    .returning(columns)
    .executeTakeFirst();
  return row ? toSkill(row) : null;
}
