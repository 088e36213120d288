import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // When an owner uninstalled the program from the admin site, as opposed to the platform taking the
    // bot's access away (both leave the community INACTIVE): a start-up that finds a working token must
    // not undo an owner's decision. Cleared when the bot is installed or added again.
    `alter table communities
      add column uninstalled_at timestamptz,
      add constraint communities_uninstalled_inactive check (uninstalled_at is null or status = 'INACTIVE')`,
    // Communities uninstalled before this column existed: the audit log remembers when.
    `update communities
      set uninstalled_at = uninstalled.at
      from (select community_id, max(created_at) as at from audit_log where action = 'community.uninstalled' group by community_id) as uninstalled
      where communities.id = uninstalled.community_id and communities.status = 'INACTIVE'`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['alter table communities drop constraint communities_uninstalled_inactive, drop column uninstalled_at']);
}
