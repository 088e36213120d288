import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table matching_rounds (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      status text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'PREVIEWED', 'RUNNING', 'COMPLETED', 'CANCELLED')),
      scheduled_for timestamptz not null,
      started_by bigint references members (id) on delete set null,
      total_score double precision,
      stats jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      completed_at timestamptz
    )`,
    `create index matching_rounds_community_idx on matching_rounds (community_id, scheduled_for)`,
    `create table matching_round_skips (
      round_id bigint not null references matching_rounds (id) on delete cascade,
      member_id bigint not null references members (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (round_id, member_id)
    )`,
    `alter table mentorships add constraint mentorships_round_fk
      foreign key (matching_round_id) references matching_rounds (id) on delete set null`,
    `create table suggestions (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      mentor_id bigint not null references members (id) on delete cascade,
      mentee_id bigint not null references members (id) on delete cascade,
      matching_round_id bigint references matching_rounds (id) on delete cascade,
      score double precision not null check (score >= 0),
      reasons jsonb not null default '[]'::jsonb check (jsonb_typeof(reasons) = 'array'),
      status text not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED', 'DECLINED')),
      declined_by bigint references members (id) on delete set null,
      created_at timestamptz not null default now(),
      responded_at timestamptz,
      check (mentor_id <> mentee_id)
    )`,
    `create unique index suggestions_open_pair_idx on suggestions (mentor_id, mentee_id) where status = 'PENDING'`,
    `create index suggestions_mentee_idx on suggestions (mentee_id, status)`,
    `create index suggestions_mentor_idx on suggestions (mentor_id, status)`,
    // A declined pair is never suggested again.
    `create index suggestions_declined_idx on suggestions (community_id) where status = 'DECLINED'`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    'drop table suggestions',
    'alter table mentorships drop constraint mentorships_round_fk',
    'drop table matching_round_skips',
    'drop table matching_rounds',
  ]);
}
