import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/**
 * Read models the admin site's moderation pages need next to the use cases:
 * the names behind member ids (of this community only), and a report's
 * history from the audit log. Both are scoped by the community; callers have
 * already checked the admin (the use case that returned the ids did).
 */

/** Display names of members of the community, by id (ids of other communities are simply absent). */
export async function memberNames(db: Kysely<Database>, communityId: number, ids: readonly (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['id', 'display_name']).where('community_id', '=', communityId).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export interface ReportHistoryEntry {
  readonly at: Date;
  readonly action: string;
  readonly actorName: string | null;
}

/**
 * What admins did with one report, oldest first, from the audit log (the
 * report's own rows, and a mentorship cancelled on it). Openings
 * (`report.viewed`) stay in the audit log: here they would drown the rest.
 * Details are left out: the history shows who did what, not their words.
 */
export async function reportHistory(db: Kysely<Database>, communityId: number, reportId: number): Promise<ReportHistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('members as actor', (join) => join.onRef('actor.id', '=', 'a.actor_member_id').on('actor.community_id', '=', communityId))
    .select(['a.created_at', 'a.action', 'actor.display_name as actor_name'])
    .where('a.community_id', '=', communityId)
    .where('a.action', '!=', 'report.viewed')
    .where((eb) => eb.or([
      eb.and([eb('a.target_type', '=', 'report'), eb('a.target_id', '=', String(reportId))]),
      eb.and([eb('a.action', '=', 'report.mentorship-cancelled'), eb(sql<string>`a.details->>'reportId'`, '=', String(reportId))]),
    ]))
    .orderBy('a.id')
    .limit(200)
    .execute();
  return rows.map((row) => ({ at: row.created_at, action: row.action, actorName: row.actor_name }));
}
