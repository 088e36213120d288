import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table skills (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 60),
      slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      category text not null default 'General' check (char_length(category) between 1 and 60),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      unique (community_id, slug)
    )`,
    `create unique index skills_community_name_idx on skills (community_id, lower(name))`,
    // Archived skills stay referenced by past profiles, so skills are never deleted while in use.
    `create table member_skills (
      member_id bigint not null references members (id) on delete cascade,
      skill_id bigint not null references skills (id) on delete restrict,
      direction text not null check (direction in ('OFFER', 'SEEK')),
      level smallint not null check (level between 1 and 5),
      primary key (member_id, skill_id, direction)
    )`,
    `create index member_skills_skill_idx on member_skills (skill_id, direction, level)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table member_skills', 'drop table skills']);
}
