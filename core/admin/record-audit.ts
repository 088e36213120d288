import type { Kysely } from 'kysely';
import type { KnownMemberActor } from '../access/actor.js';
import type { Database } from '../store/database.js';

/** One admin action, for the audit log. `details` must hold nothing secret: every admin of the community reads it. */
export interface AuditEntry {
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string | number;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Writes an audit row for an action an admin took. Use cases that already
 * audit themselves (suspend, reinstate, role changes) need no second row; the
 * admin site calls this for the others (approvals, settings, skills, retries).
 */
export async function recordAudit(db: Kysely<Database>, actor: KnownMemberActor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      community_id: actor.communityId,
      actor_member_id: actor.memberId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
