import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table communities (
      id bigint generated always as identity primary key,
      platform text not null check (platform in ('discord', 'slack')),
      external_id text not null check (external_id <> ''),
      name text not null,
      timezone text not null default 'UTC',
      status text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
      settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
      settings_version integer not null default 1 check (settings_version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (platform, external_id)
    )`,
    `create table members (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      platform_user_id text not null check (platform_user_id <> ''),
      display_name text not null,
      role text not null default 'REGULAR' check (role in ('REGULAR', 'ADMIN', 'OWNER')),
      status text not null default 'ACTIVE' check (status in ('PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'LEFT')),
      onboarding_step text not null default 'PROFILE' check (onboarding_step in ('PROFILE', 'GOALS', 'SCHEDULE', 'CODE_OF_CONDUCT', 'DONE')),
      onboarded_at timestamptz,
      bio text check (char_length(bio) <= 1000),
      job_title text check (char_length(job_title) <= 100),
      years_experience smallint check (years_experience between 0 and 60),
      mentorship_role text check (mentorship_role in ('MENTOR', 'MENTEE', 'BOTH')),
      mentorship_types text[] not null default '{}',
      timezone text,
      availability jsonb not null default '[]'::jsonb check (jsonb_typeof(availability) = 'array'),
      mentee_capacity smallint not null default 1 check (mentee_capacity between 0 and 20),
      not_taking_mentees_until timestamptz,
      notification_preferences jsonb not null default '{}'::jsonb check (jsonb_typeof(notification_preferences) = 'object'),
      code_of_conduct_accepted_at timestamptz,
      status_reason text,
      joined_at timestamptz not null default now(),
      left_at timestamptz,
      erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (community_id, platform_user_id)
    )`,
    `create index members_community_status_idx on members (community_id, status)`,
    // The monthly purge looks for onboardings never finished and LEFT members past retention.
    `create index members_unfinished_onboarding_idx on members (created_at) where onboarded_at is null`,
    `create index members_left_idx on members (left_at) where status = 'LEFT'`,
    // Matching excludes pairs a member blocked.
    `create table member_blocks (
      member_id bigint not null references members (id) on delete cascade,
      blocked_member_id bigint not null references members (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (member_id, blocked_member_id),
      check (member_id <> blocked_member_id)
    )`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table member_blocks', 'drop table members', 'drop table communities']);
}
