import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';
import type { ReportCategory, ReportStatus } from '../store/database.js';
import { listCommunityReports } from './report.repository.js';

export interface ReportSummary {
  readonly reportId: number;
  readonly category: ReportCategory;
  readonly status: ReportStatus;
  readonly reporterId: number | null;
  readonly reportedMemberId: number | null;
  readonly mentorshipId: number | null;
  readonly assignedAdminId: number | null;
  readonly createdAt: Date;
  readonly resolvedAt: Date | null;
}

const filters = z.object({ status: z.enum(['OPEN', 'IN_REVIEW', 'RESOLVED'], 'Choose open, in review or resolved.').optional() });

/** The community's reports for its admins, newest first (details stay sealed here: `view-report` opens one). */
export async function listReports(deps: CoreDeps, actor: Actor, input: { status?: ReportStatus } = {}): Promise<Outcome<{ reports: ReportSummary[] }>> {
  const auth = authorizeMember(actor, 'reports.list');
  if (!auth.ok) return auth;
  const parsed = filters.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const rows = await listCommunityReports(deps.db, auth.value.communityId, { ...(parsed.data.status ? { status: parsed.data.status } : {}), hideAbout: auth.value.memberId, limit: 200 });
  return ok({
    reports: rows.map((report) => ({
      reportId: report.id, category: report.category, status: report.status, reporterId: report.reporterId, reportedMemberId: report.reportedMemberId,
      mentorshipId: report.mentorshipId, assignedAdminId: report.assignedAdminId, createdAt: report.createdAt, resolvedAt: report.resolvedAt,
    })),
  });
}
