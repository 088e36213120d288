import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createFieldCipher, FieldCipherError } from '../../../adapters/crypto/field-cipher.js';
import { viewMentorship } from '../../../core/admin/mentorship-records.js';
import { memberNames, reportHistory } from '../../../core/admin/moderation-records.js';
import type { Outcome, Problem } from '../../../core/outcome.js';
import type { FieldCipher } from '../../../core/ports/field-cipher.js';
import { assignReport, noteReport, resolveReport, warnMember, type ReportAction } from '../../../core/reports/handle-report.js';
import { listReports } from '../../../core/reports/list-reports.js';
import { cancelReportedMentorship, suspendReportedMember } from '../../../core/reports/report-sanctions.js';
import { adminNotesContext, reportCategoryLabels } from '../../../core/reports/report.js';
import { viewReport } from '../../../core/reports/view-report.js';
import type { ReportStatus } from '../../../core/store/database.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

const reportStatuses = ['OPEN', 'IN_REVIEW', 'RESOLVED'] as const satisfies readonly ReportStatus[];

/** The forms of a report's page: each posts to `/reports/:reportId/<form>`, and its problems show by its own fields. */
type ReportForm = 'assign' | 'note' | 'warn' | 'suspend' | 'cancel-mentorship' | 'resolve';

/**
 * The cipher for reading one report's page: a field that does not open (sealed
 * with another SECRET_KEY, or damaged) reads as empty and is flagged, so the
 * page still shows the report and says which part is unreadable. Actions keep
 * the strict cipher: a note is never added over notes that did not open.
 */
function viewingCipher(cipher: FieldCipher, reportId: number): { cipher: FieldCipher; unopened: Set<'details' | 'notes'> } {
  const unopened = new Set<'details' | 'notes'>();
  return {
    unopened,
    cipher: {
      seal: (plaintext, context) => cipher.seal(plaintext, context),
      open(sealed, context) {
        try {
          return cipher.open(sealed, context);
        } catch (error) {
          if (!(error instanceof FieldCipherError)) throw error;
          const notes = context === adminNotesContext(reportId);
          unopened.add(notes ? 'notes' : 'details');
          return notes ? '[]' : '';
        }
      },
    },
  };
}

const notices: Record<string, string> = {
  assigned: 'The report is assigned to you.',
  noted: 'Note added for the other admins.',
  warned: 'The warning is on its way to the member.',
  suspended: 'The reported member is suspended; their open requests were withdrawn.',
  'mentorship-cancelled': 'The mentorship is cancelled; both members were told an admin ended it.',
  resolved: 'The report is resolved; the member who reported it is told your message.',
};

/**
 * `/c/:communityId/reports`: the reports queue (by status) and one report,
 * its sealed details and notes opened by the reports core (which audits
 * every opening). The reporter's identity appears on the report's page only,
 * for admins, as the core returns it: never in the list, a URL or a notice.
 * Actions go through the reports core, which scopes the report to the
 * admin's community and hides reports about the admin themselves (404).
 */
export const reportsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock, cipher: createFieldCipher(options.secretKey) };

  app.get('/reports', async (request, reply) => {
    const admin = adminOf(request);
    const raw = (request.query as Record<string, unknown>).status;
    const status = typeof raw === 'string' ? raw : '';
    const listed = await listReports(deps, admin.actor, status === '' ? {} : { status: status as ReportStatus });
    const reports = listed.ok ? listed.value.reports : [];
    const names = await memberNames(options.db, admin.community.id, reports.flatMap((report) => [report.reportedMemberId, report.assignedAdminId]));
    return render(request, reply, 'reports', {
      title: `${admin.community.name}: reports`,
      nav: 'reports',
      statuses: reportStatuses,
      status: listed.ok ? status : '',
      // Only what the queue needs: never the reporter.
      reports: reports.map((report) => ({
        reportId: report.reportId, category: reportCategoryLabels[report.category], status: report.status, createdAt: report.createdAt, resolvedAt: report.resolvedAt,
        mentorshipId: report.mentorshipId,
        reportedName: report.reportedMemberId === null ? null : (names.get(report.reportedMemberId) ?? null),
        assignedName: report.assignedAdminId === null ? null : (names.get(report.assignedAdminId) ?? null),
      })),
      filterProblem: listed.ok ? null : listed.problem.message,
      filterErrors: listed.ok ? {} : fieldErrors(listed.problem.fields),
    }, listed.ok ? 200 : problemStatus(listed.problem));
  });

  async function showReport(request: FastifyRequest, reply: FastifyReply, reportId: number, extra: { status?: number; problem?: Problem; form?: ReportForm; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    const reading = viewingCipher(deps.cipher, reportId);
    const viewed = await viewReport({ ...deps, cipher: reading.cipher }, admin.actor, { reportId });
    if (reading.unopened.size > 0) request.log.warn({ reportId, unopened: [...reading.unopened] }, 'report fields did not open with this SECRET_KEY');
    if (!viewed.ok) {
      if (viewed.problem.code === 'not-found') throw notFound();
      return render(request, reply, 'error', { title: 'Report', message: viewed.problem.message }, problemStatus(viewed.problem));
    }
    const { report, details, adminNotes } = viewed.value;
    const names = await memberNames(options.db, admin.community.id, [report.reporterId, report.reportedMemberId, report.assignedAdminId, ...adminNotes.map((note) => note.byMemberId)]);
    const mentorship = report.mentorshipId === null ? null : await viewMentorship(deps, admin.actor, { mentorshipId: report.mentorshipId });
    const name = (id: number | null) => (id === null ? null : (names.get(id) ?? 'a former member'));
    return render(request, reply, 'report', {
      title: `Report #${report.id}`,
      nav: 'reports',
      report: {
        id: report.id, status: report.status, category: reportCategoryLabels[report.category], createdAt: report.createdAt, resolvedAt: report.resolvedAt,
        resolutionMessage: report.resolutionMessage, mentorshipId: report.mentorshipId, reportedMemberId: report.reportedMemberId,
        assignedAdminId: report.assignedAdminId,
        reporterName: report.reporterId === null ? null : name(report.reporterId),
        reportedName: name(report.reportedMemberId),
        assignedName: name(report.assignedAdminId),
      },
      details,
      unopened: { details: reading.unopened.has('details'), notes: reading.unopened.has('notes') },
      notes: adminNotes.map((note) => ({ at: new Date(note.at), by: name(note.byMemberId), text: note.text })),
      mentorship: mentorship?.ok ? { id: mentorship.value.id, status: mentorship.value.status, mentorName: mentorship.value.mentorName, menteeName: mentorship.value.menteeName } : null,
      history: await reportHistory(options.db, admin.community.id, report.id),
      isMine: report.assignedAdminId === admin.actor.memberId,
      notice: extra.problem ? null : (notices[String((request.query as Record<string, unknown>).done)] ?? null),
      problem: extra.problem?.message ?? null,
      problemForm: extra.form ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? 200);
  }

  app.get<{ Params: { reportId: string } }>('/reports/:reportId', async (request, reply) => {
    const reportId = parseId(request.params.reportId);
    if (reportId === null) throw notFound();
    return showReport(request, reply, reportId);
  });

  /** One POST route per form: read the fields, call the use case, then back to the report's page (or the page again with the problem). */
  function action(form: ReportForm, fields: readonly string[], notice: string, act: (request: FastifyRequest, reportId: number, values: Record<string, string>) => Promise<Outcome<ReportAction>>) {
    app.post<{ Params: { reportId: string } }>(`/reports/:reportId/${form}`, async (request, reply) => {
      const reportId = parseId(request.params.reportId);
      if (reportId === null) throw notFound();
      const values = Object.fromEntries(fields.map((field) => [field, formValue(request.body, field)]));
      const outcome = await act(request, reportId, values);
      if (!outcome.ok) {
        if (outcome.problem.code === 'not-found') throw notFound();
        return showReport(request, reply, reportId, { status: problemStatus(outcome.problem), problem: outcome.problem, form, values });
      }
      return redirectWithNotice(reply, `${communityPath(request)}/reports/${reportId}`, notice);
    });
  }

  action('assign', [], 'assigned', (request, reportId) => assignReport(deps, adminOf(request).actor, { reportId }));
  action('note', ['note'], 'noted', (request, reportId, values) => noteReport(deps, adminOf(request).actor, { reportId, note: values.note ?? '' }));
  action('warn', ['message'], 'warned', (request, reportId, values) => warnMember(deps, adminOf(request).actor, { reportId, message: values.message ?? '' }));
  action('suspend', ['reason'], 'suspended', (request, reportId, values) => suspendReportedMember(deps, adminOf(request).actor, { reportId, reason: values.reason ?? '' }));
  action('cancel-mentorship', ['reason'], 'mentorship-cancelled', (request, reportId, values) => cancelReportedMentorship(deps, adminOf(request).actor, { reportId, reason: values.reason ?? '' }));
  action('resolve', ['message'], 'resolved', (request, reportId, values) => resolveReport(deps, adminOf(request).actor, { reportId, message: values.message ?? '' }));
};
