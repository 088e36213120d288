import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../admin/record-audit.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import type { ReportStatus } from '../store/database.js';
import { actOnReport, markInReview } from './act-on-report.js';
import { adminNotesContext } from './report.js';
import { reportNotices } from './report-messages.js';
import { openAdminNotes } from './view-report.js';

/**
 * What admins do with a report, each in one transaction with an audit row.
 * Audit details never hold the report's text (every admin reads the audit
 * log, and the text is sealed for a reason), only what was done.
 */

export interface ReportAction {
  readonly reportId: number;
  readonly status: ReportStatus;
}

const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `Write ${what}, in at least ${min} characters.`).max(max, `Keep it under ${max.toLocaleString('en')} characters.`);

/** Adds a note for the other admins; notes are sealed at rest, like the details. */
export async function noteReport(deps: CoreDeps & { readonly cipher: FieldCipher }, actor: Actor, input: { reportId: number; note: string }): Promise<Outcome<ReportAction>> {
  return actOnReport(deps, actor, 'reports.note', input.reportId, async (trx, { report, admin, now }) => {
    const parsed = z.object({ note: text(1, 2000, 'the note') }).safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const notes = [...openAdminNotes(deps.cipher, report), { byMemberId: admin.memberId, at: now.toISOString(), text: parsed.data.note }];
    await trx.updateTable('reports').set({ admin_notes_encrypted: deps.cipher.seal(JSON.stringify(notes), adminNotesContext(report.id)) }).where('id', '=', report.id).execute();
    await markInReview(trx, report);
    await recordAudit(trx, admin, { action: 'report.noted', targetType: 'report', targetId: report.id });
    return ok({ reportId: report.id, status: report.status === 'OPEN' ? 'IN_REVIEW' : report.status });
  });
}

/** Gives the report to one admin (themselves when no one is named). */
export async function assignReport(deps: CoreDeps, actor: Actor, input: { reportId: number; adminMemberId?: number }): Promise<Outcome<ReportAction>> {
  return actOnReport(deps, actor, 'reports.assign', input.reportId, async (trx, { report, admin }) => {
    const assigneeId = input.adminMemberId ?? admin.memberId;
    const assignee = await findMember(trx, admin.communityId, assigneeId);
    if (!assignee || assignee.status !== 'ACTIVE' || (assignee.role !== 'ADMIN' && assignee.role !== 'OWNER')) {
      return fail('invalid-input', 'Assign the report to an active admin or owner.', [{ field: 'adminMemberId', message: 'Choose an active admin or owner.' }]);
    }
    if (assignee.id === report.reportedMemberId) return fail('invalid-input', 'That admin is the member reported; assign someone else.', [{ field: 'adminMemberId', message: 'Choose another admin.' }]);
    if (report.status === 'RESOLVED') return fail('wrong-state', 'This report is resolved.');
    await trx.updateTable('reports').set({ assigned_admin_id: assignee.id }).where('id', '=', report.id).execute();
    await markInReview(trx, report);
    await recordAudit(trx, admin, { action: 'report.assigned', targetType: 'report', targetId: report.id, details: { assignedTo: assignee.id } });
    return ok({ reportId: report.id, status: 'IN_REVIEW' });
  });
}

/**
 * Sends the reported member a warning in the admins' words. The message
 * names no report, category or reporter: only the conduct the admin chose to
 * describe.
 */
export async function warnMember(deps: CoreDeps, actor: Actor, input: { reportId: number; message: string }): Promise<Outcome<ReportAction>> {
  return actOnReport(deps, actor, 'reports.warn', input.reportId, async (trx, { report, admin }) => {
    const parsed = z.object({ message: text(10, 1500, 'the warning') }).safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    if (report.reportedMemberId === null) return fail('wrong-state', 'The reported member is no longer in the program.');
    const reported = await findMember(trx, admin.communityId, report.reportedMemberId);
    if (!reported || reported.erasedAt) return fail('wrong-state', 'The reported member is no longer in the program.');
    const community = await requireCommunity(trx, admin.communityId);
    const warnings = await trx.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('count')).where('community_id', '=', admin.communityId)
      .where('action', '=', 'report.warned').where('target_id', '=', String(report.id)).executeTakeFirstOrThrow();
    await enqueue(trx, {
      communityId: admin.communityId,
      kind: 'dm',
      payload: { recipientMemberId: reported.id, message: reportNotices.warning(community.settings.programName, parsed.data.message) },
      dedupeKey: `report:${report.id}:warning:${Number(warnings.count) + 1}`,
    });
    await markInReview(trx, report);
    await recordAudit(trx, admin, { action: 'report.warned', targetType: 'report', targetId: report.id, details: { memberId: reported.id } });
    return ok({ reportId: report.id, status: report.status === 'OPEN' ? 'IN_REVIEW' : report.status });
  });
}

/** Closes the report with a message to the reporter (what was done, in the admin's words). */
export async function resolveReport(deps: CoreDeps, actor: Actor, input: { reportId: number; message: string }): Promise<Outcome<ReportAction>> {
  return actOnReport(deps, actor, 'reports.resolve', input.reportId, async (trx, { report, admin, now }) => {
    const parsed = z.object({ message: text(10, 2000, 'a message to the member who reported') }).safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    if (report.status === 'RESOLVED') return fail('already-done', 'This report is already resolved.');
    await trx.updateTable('reports').set({ status: 'RESOLVED', resolved_at: now, resolution_message: parsed.data.message }).where('id', '=', report.id).execute();
    const reporter = report.reporterId === null ? null : await findMember(trx, admin.communityId, report.reporterId);
    if (reporter && !reporter.erasedAt) {
      await enqueue(trx, {
        communityId: admin.communityId,
        kind: 'dm',
        payload: { recipientMemberId: reporter.id, message: reportNotices.resolved(parsed.data.message) },
        dedupeKey: `report:${report.id}:resolved`,
      });
    }
    await recordAudit(trx, admin, { action: 'report.resolved', targetType: 'report', targetId: report.id });
    return ok({ reportId: report.id, status: 'RESOLVED' });
  });
}
