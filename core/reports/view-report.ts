import type { Actor } from '../access/actor.js';
import { recordAudit } from '../admin/record-audit.js';
import type { CoreDeps } from '../deps.js';
import { CorruptDataError } from '../errors.js';
import { ok, type Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import { actOnReport } from './act-on-report.js';
import { adminNotesContext, detailsContext, type AdminNote, type ReportRecord } from './report.js';

export interface ReportView {
  readonly report: Omit<ReportRecord, 'detailsSealed' | 'adminNotesSealed'>;
  readonly details: string;
  readonly adminNotes: AdminNote[];
}

/** Opens the sealed admin notes of a report (an empty list when there are none). */
export function openAdminNotes(cipher: FieldCipher, report: ReportRecord): AdminNote[] {
  if (report.adminNotesSealed === null) return [];
  const notes: unknown = JSON.parse(cipher.open(report.adminNotesSealed, adminNotesContext(report.id)));
  if (!Array.isArray(notes)) throw new CorruptDataError(`admin notes of report ${report.id} are not a list`);
  return notes as AdminNote[];
}

/** One report for an admin, with its details and the admins' notes opened. Opening is audited: who read what, when. */
export async function viewReport(deps: CoreDeps & { readonly cipher: FieldCipher }, actor: Actor, input: { reportId: number }): Promise<Outcome<ReportView>> {
  return actOnReport(deps, actor, 'reports.view', input.reportId, async (trx, { report, admin }) => {
    const details = deps.cipher.open(report.detailsSealed, detailsContext(report.id));
    const adminNotes = openAdminNotes(deps.cipher, report);
    await recordAudit(trx, admin, { action: 'report.viewed', targetType: 'report', targetId: report.id });
    const { detailsSealed: _details, adminNotesSealed: _notes, ...visible } = report;
    return ok({ report: visible, details, adminNotes });
  });
}
