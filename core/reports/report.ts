import type { ReportCategory, ReportStatus } from '../store/database.js';

/** A report as admins handle it; the sealed fields are opened only by `view-report`. */
export interface ReportRecord {
  readonly id: number;
  readonly communityId: number;
  /** Never shown to the reported member, nor stored anywhere they can read. */
  readonly reporterId: number | null;
  readonly reportedMemberId: number | null;
  readonly mentorshipId: number | null;
  readonly category: ReportCategory;
  readonly detailsSealed: string;
  readonly status: ReportStatus;
  readonly assignedAdminId: number | null;
  readonly adminNotesSealed: string | null;
  readonly resolutionMessage: string | null;
  readonly createdAt: Date;
  readonly resolvedAt: Date | null;
}

export const reportCategories = ['HARASSMENT', 'NO_SHOW', 'INAPPROPRIATE_REQUEST', 'OTHER'] as const satisfies readonly ReportCategory[];

export const reportCategoryLabels: Record<ReportCategory, string> = {
  HARASSMENT: 'Harassment',
  NO_SHOW: 'No-show or ghosting',
  INAPPROPRIATE_REQUEST: 'Inappropriate request',
  OTHER: 'Other',
};

/**
 * Sealing contexts: the report's id is part of each, so sealed text copied
 * into another report no longer opens. The row is inserted first, then sealed
 * with its id, in the same transaction.
 */
export const detailsContext = (reportId: number) => `reports.details:${reportId}`;
export const adminNotesContext = (reportId: number) => `reports.admin_notes:${reportId}`;

/** One admin note, kept with the others as a sealed JSON list. */
export interface AdminNote {
  readonly byMemberId: number;
  readonly at: string;
  readonly text: string;
}
