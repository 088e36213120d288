import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // Single-use login links; only a hash of the token is stored.
    `create table login_links (
      id bigint generated always as identity primary key,
      member_id bigint not null references members (id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    // Server-side sessions, revocable; the cookie carries a token whose hash is the key.
    `create table web_sessions (
      token_hash text primary key,
      platform text not null check (platform in ('discord', 'slack')),
      platform_user_id text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`,
    `create index web_sessions_user_idx on web_sessions (platform, platform_user_id)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table web_sessions', 'drop table login_links']);
}
