import { sql } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';

export interface AuditLogEntry {
  readonly id: number;
  readonly at: Date;
  readonly action: string;
  readonly actorName: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** The target member's name when the target is a member of this community. */
  readonly targetName: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export const auditLogPageSize = 100;

/** The community's audit log, newest first, a page at a time (`before` is the last id of the previous page). */
export async function listAuditLog(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { before?: number } = {}): Promise<Outcome<{ entries: AuditLogEntry[]; nextBefore: number | null }>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const { communityId } = auth.value;
  let query = deps.db
    .selectFrom('audit_log as a')
    .leftJoin('members as actor', (join) => join.onRef('actor.id', '=', 'a.actor_member_id').on('actor.community_id', '=', communityId))
    // target_id is text (targets are not only members), so the join compares it as text.
    .leftJoin('members as target', (join) => join.on(sql<boolean>`a.target_type = 'member' and target.community_id = ${communityId} and target.id::text = a.target_id`))
    .select(['a.id', 'a.created_at', 'a.action', 'a.target_type', 'a.target_id', 'a.details', 'actor.display_name as actor_name', 'target.display_name as target_name'])
    .where('a.community_id', '=', communityId);
  if (input.before) query = query.where('a.id', '<', input.before);
  const rows = await query.orderBy('a.id', 'desc').limit(auditLogPageSize + 1).execute();
  const page = rows.slice(0, auditLogPageSize);
  return ok({
    nextBefore: rows.length > auditLogPageSize ? (page.at(-1)?.id ?? null) : null,
    entries: page.map((row) => ({
      id: row.id,
      at: row.created_at,
      action: row.action,
      actorName: row.actor_name,
      targetType: row.target_type,
      targetId: row.target_id,
      targetName: row.target_name,
      details: row.details,
    })),
  });
}
