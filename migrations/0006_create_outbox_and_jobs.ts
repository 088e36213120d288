import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // Side effects written in the same transaction as the change that causes them.
    `create table outbox (
      id bigint generated always as identity primary key,
      community_id bigint references communities (id) on delete cascade,
      kind text not null,
      payload jsonb not null,
      dedupe_key text not null unique,
      status text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
      due_at timestamptz not null default now(),
      attempts integer not null default 0 check (attempts >= 0),
      last_error text,
      locked_by text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      check ((status = 'SENT') = (sent_at is not null))
    )`,
    // The dispatcher's poll: only rows still to deliver are in this index, so an idle poll stays cheap however large the table grows.
    `create index outbox_due_idx on outbox (due_at) where status = 'PENDING'`,
    `create index outbox_dead_idx on outbox (community_id, created_at) where status = 'DEAD'`,
    // One row per job and time slot: the replica that inserts it runs the tick.
    `create table job_runs (
      job text not null,
      slot text not null,
      claimed_by text not null,
      claimed_at timestamptz not null default now(),
      finished_at timestamptz,
      error text,
      primary key (job, slot)
    )`,
    `create table audit_log (
      id bigint generated always as identity primary key,
      community_id bigint not null references communities (id) on delete cascade,
      actor_member_id bigint references members (id) on delete set null,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    )`,
    `create index audit_log_community_idx on audit_log (community_id, created_at desc)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table audit_log', 'drop table job_runs', 'drop table outbox']);
}
