import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // Requests and relations in one table: a request is a mentorship in PENDING.
    // Member references are SET NULL so an erased or purged member leaves anonymous history.
    `create table mentorships (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      mentor_id bigint references members (id) on delete set null,
      mentee_id bigint references members (id) on delete set null,
      sender_id bigint references members (id) on delete set null,
      receiver_id bigint references members (id) on delete set null,
      status text not null default 'PENDING' check (status in (
        'PENDING', 'AWAITING_APPROVAL', 'ACCEPTED', 'PAUSED',
        'REJECTED', 'WITHDRAWN', 'EXPIRED', 'CANCELLED', 'COMPLETED')),
      description text not null check (char_length(description) <= 4000),
      end_date date not null,
      expires_at timestamptz,
      paused_until date,
      accepted_at timestamptz,
      ended_at timestamptz,
      space_id text,
      message_count integer not null default 0 check (message_count >= 0),
      last_activity_at timestamptz,
      matching_round_id bigint,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (mentor_id <> mentee_id),
      check (sender_id <> receiver_id),
      check ((sender_id = mentor_id and receiver_id = mentee_id) or (sender_id = mentee_id and receiver_id = mentor_id))
    )`,
    // Two members never have two open mentorships with each other, whoever mentors whom.
    `create unique index mentorships_open_pair_idx on mentorships (least(mentor_id, mentee_id), greatest(mentor_id, mentee_id))
      where status in ('PENDING', 'AWAITING_APPROVAL', 'ACCEPTED', 'PAUSED')`,
    `create index mentorships_community_status_idx on mentorships (community_id, status)`,
    `create index mentorships_pending_receiver_idx on mentorships (receiver_id) where status = 'PENDING'`,
    `create index mentorships_pending_sender_idx on mentorships (sender_id) where status = 'PENDING'`,
    `create index mentorships_mentor_idx on mentorships (mentor_id, status)`,
    `create index mentorships_mentee_idx on mentorships (mentee_id, status)`,
    `create index mentorships_due_completion_idx on mentorships (end_date) where status = 'ACCEPTED'`,
    `create index mentorships_due_expiry_idx on mentorships (expires_at) where status = 'PENDING'`,
    `create index mentorships_due_resume_idx on mentorships (paused_until) where status = 'PAUSED'`,
    `create unique index mentorships_space_idx on mentorships (community_id, space_id) where space_id is not null`,
    // Every transition, who made it and why.
    `create table mentorship_events (
      id bigint generated always as identity primary key,
      mentorship_id bigint not null references mentorships (id) on delete cascade,
      from_status text,
      to_status text not null,
      actor_kind text not null check (actor_kind in ('MEMBER', 'ADMIN', 'SYSTEM')),
      actor_member_id bigint references members (id) on delete set null,
      reason text check (char_length(reason) <= 1000),
      created_at timestamptz not null default now()
    )`,
    `create index mentorship_events_mentorship_idx on mentorship_events (mentorship_id, created_at)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table mentorship_events', 'drop table mentorships']);
}
