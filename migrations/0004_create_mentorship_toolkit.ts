import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // Named mentoring_sessions so it is never confused with the admin site's web sessions.
    `create table mentoring_sessions (
      id bigint generated always as identity primary key,
      mentorship_id bigint not null references mentorships (id) on delete cascade,
      proposed_by bigint references members (id) on delete set null,
      status text not null default 'PROPOSED' check (status in ('PROPOSED', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'MISSED')),
      kind text not null check (kind in ('VIDEO_CALL', 'CODE_REVIEW', 'Q_AND_A', 'PROJECT_REVIEW', 'CAREER_GUIDANCE', 'PAIR_PROGRAMMING')),
      starts_at timestamptz not null,
      duration_minutes smallint not null check (duration_minutes between 15 and 240),
      agenda text check (char_length(agenda) <= 2000),
      location text check (char_length(location) <= 500),
      notes_encrypted text,
      calendar_sequence integer not null default 0 check (calendar_sequence >= 0),
      change_reason text,
      reminded_day_before_at timestamptz,
      reminded_hour_before_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index mentoring_sessions_mentorship_idx on mentoring_sessions (mentorship_id, starts_at)`,
    `create index mentoring_sessions_upcoming_idx on mentoring_sessions (starts_at) where status = 'CONFIRMED'`,
    `create table goals (
      id bigint generated always as identity primary key,
      mentorship_id bigint not null references mentorships (id) on delete cascade,
      title text not null check (char_length(title) between 1 and 200),
      description text check (char_length(description) <= 2000),
      due_date date,
      status text not null default 'OPEN' check (status in ('OPEN', 'DONE', 'DROPPED')),
      created_by bigint references members (id) on delete set null,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      check ((status = 'DONE') = (completed_at is not null))
    )`,
    `create index goals_mentorship_idx on goals (mentorship_id)`,
    `create index goals_due_idx on goals (due_date) where status = 'OPEN'`,
    `create table tasks (
      id bigint generated always as identity primary key,
      mentorship_id bigint not null references mentorships (id) on delete cascade,
      goal_id bigint references goals (id) on delete set null,
      title text not null check (char_length(title) between 1 and 200),
      assignee_role text not null check (assignee_role in ('MENTOR', 'MENTEE')),
      priority text not null default 'MEDIUM' check (priority in ('LOW', 'MEDIUM', 'HIGH')),
      due_date date,
      done_at timestamptz,
      created_by bigint references members (id) on delete set null,
      created_at timestamptz not null default now()
    )`,
    `create index tasks_mentorship_idx on tasks (mentorship_id)`,
    `create index tasks_due_idx on tasks (due_date) where done_at is null`,
    `create table feedback (
      id bigint generated always as identity primary key,
      mentorship_id bigint not null references mentorships (id) on delete cascade,
      session_id bigint references mentoring_sessions (id) on delete cascade,
      author_id bigint references members (id) on delete set null,
      subject_id bigint references members (id) on delete set null,
      kind text not null check (kind in ('SESSION', 'FINAL')),
      rating smallint not null check (rating between 1 and 5),
      comment text check (char_length(comment) <= 2000),
      went_well text check (char_length(went_well) <= 2000),
      testimonial text check (char_length(testimonial) <= 1000),
      testimonial_public boolean not null default false,
      created_at timestamptz not null default now(),
      check ((kind = 'SESSION') = (session_id is not null)),
      check (testimonial_public = false or testimonial is not null)
    )`,
    `create unique index feedback_session_author_idx on feedback (session_id, author_id) where kind = 'SESSION'`,
    `create unique index feedback_final_author_idx on feedback (mentorship_id, author_id) where kind = 'FINAL'`,
    `create index feedback_subject_idx on feedback (subject_id)`,
    `create table reports (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      reporter_id bigint references members (id) on delete set null,
      reported_member_id bigint references members (id) on delete set null,
      mentorship_id bigint references mentorships (id) on delete set null,
      category text not null check (category in ('HARASSMENT', 'NO_SHOW', 'INAPPROPRIATE_REQUEST', 'OTHER')),
      details_encrypted text not null,
      status text not null default 'OPEN' check (status in ('OPEN', 'IN_REVIEW', 'RESOLVED')),
      assigned_admin_id bigint references members (id) on delete set null,
      admin_notes_encrypted text,
      resolution_message text check (char_length(resolution_message) <= 2000),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      check (reporter_id <> reported_member_id),
      check (reported_member_id is not null or mentorship_id is not null),
      check ((status = 'RESOLVED') = (resolved_at is not null))
    )`,
    `create index reports_community_status_idx on reports (community_id, status, created_at)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table reports', 'drop table feedback', 'drop table tasks', 'drop table goals', 'drop table mentoring_sessions']);
}
