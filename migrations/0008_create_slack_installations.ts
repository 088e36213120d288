import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table slack_installations (
      id bigint generated always as identity primary key,
      team_id text not null,
      enterprise_id text,
      bot_user_id text,
      bot_token_encrypted text not null,
      installer_user_id text,
      scopes text[] not null default '{}',
      installation_encrypted text,
      installed_at timestamptz not null default now(),
      revoked_at timestamptz
    )`,
    `create unique index slack_installations_team_idx on slack_installations (coalesce(enterprise_id, ''), team_id)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['drop table slack_installations']);
}
