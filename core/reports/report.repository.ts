import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ReportStatus } from '../store/database.js';
import type { ReportRecord } from './report.js';

const columns = [
  'id', 'community_id', 'reporter_id', 'reported_member_id', 'mentorship_id', 'category', 'details_encrypted', 'status', 'assigned_admin_id',
  'admin_notes_encrypted', 'resolution_message', 'created_at', 'resolved_at',
] as const;

type ReportRow = Pick<Selectable<Database['reports']>, (typeof columns)[number]>;

function toReport(row: ReportRow): ReportRecord {
  return {
    id: row.id, communityId: row.community_id, reporterId: row.reporter_id, reportedMemberId: row.reported_member_id, mentorshipId: row.mentorship_id,
    category: row.category, detailsSealed: row.details_encrypted, status: row.status, assignedAdminId: row.assigned_admin_id,
    adminNotesSealed: row.admin_notes_encrypted, resolutionMessage: row.resolution_message, createdAt: row.created_at, resolvedAt: row.resolved_at,
  };
}

/** One report of one community; another community's id answers null. */
export async function findReport(db: Kysely<Database>, communityId: number, id: number, options: { lock?: boolean } = {}): Promise<ReportRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  let query = db.selectFrom('reports').select(columns).where('community_id', '=', communityId).where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toReport(row) : null;
}

/**
 * A community's reports, newest first, optionally in one status. Reports
 * about `hideAbout` are left out: an admin never sees reports about themselves.
 */
export async function listCommunityReports(db: Kysely<Database>, communityId: number, options: { status?: ReportStatus; hideAbout: number; limit: number }): Promise<ReportRecord[]> {
  let query = db
    .selectFrom('reports')
    .select(columns)
    .where('community_id', '=', communityId)
    .where((eb) => eb.or([eb('reported_member_id', 'is', null), eb('reported_member_id', '!=', options.hideAbout)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.status) query = query.where('status', '=', options.status);
  return (await query.execute()).map(toReport);
}

/**
 * How many of a community's reports wait for an admin (OPEN) and are being
 * handled (IN_REVIEW), leaving out reports about `hideAbout`, as the list
 * does, so a count never hints at a report the admin cannot open.
 */
export async function countUnresolvedReports(db: Kysely<Database>, communityId: number, hideAbout: number): Promise<{ open: number; inReview: number }> {
  const row = await db
    .selectFrom('reports')
    .select([
      sql<number>`count(*) filter (where status = 'OPEN')::int`.as('open'),
      sql<number>`count(*) filter (where status = 'IN_REVIEW')::int`.as('inReview'),
    ])
    .where('community_id', '=', communityId)
    .where((eb) => eb.or([eb('reported_member_id', 'is', null), eb('reported_member_id', '!=', hideAbout)]))
    .executeTakeFirstOrThrow();
  return { open: row.open, inReview: row.inReview };
}

/** Reports a member made since a time: the rate limit counts them in the database, so it holds across replicas. */
export async function countReportsSince(db: Kysely<Database>, communityId: number, reporterId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('community_id', '=', communityId)
    .where('reporter_id', '=', reporterId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Active admins and owners of a community, the ones told about a new report. */
export async function listActiveStaff(db: Kysely<Database>, communityId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('members')
    .select('id')
    .where('community_id', '=', communityId)
    .where('role', 'in', ['ADMIN', 'OWNER'])
    .where('status', '=', 'ACTIVE')
    .where('erased_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
