import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../admin/record-audit.js';
import type { CoreDeps } from '../deps.js';
import { suspendMember } from '../members/suspend-member.js';
import { lockMentorship, transition } from '../mentorships/transitions.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { actOnReport, markInReview } from './act-on-report.js';
import { findReport } from './report.repository.js';
import type { ReportAction } from './handle-report.js';

const reasonInput = z.object({ reason: z.string().trim().min(3, 'Say why, for the other admins.').max(500, 'Keep the reason under 500 characters.') });

/**
 * Suspends the reported member through the members feature's own use case
 * (which checks ranks, withdraws their open requests and audits itself),
 * then links the report to it. Two transactions: the suspension stands on its
 * own if the second one fails, and a retry finds it already done.
 */
export async function suspendReportedMember(deps: CoreDeps, actor: Actor, input: { reportId: number; reason: string }): Promise<Outcome<ReportAction>> {
  const auth = authorizeMember(actor, 'reports.suspend-member');
  if (!auth.ok) return auth;
  const report = await findReport(deps.db, auth.value.communityId, input.reportId);
  if (!report || report.reportedMemberId === auth.value.memberId) return fail('not-found', 'That report does not exist in this community.');
  if (report.reportedMemberId === null) return fail('wrong-state', 'The reported member is no longer in the program.');
  const suspended = await suspendMember(deps, actor, { memberId: report.reportedMemberId, reason: input.reason });
  if (!suspended.ok && suspended.problem.code !== 'already-done') return suspended;
  return actOnReport(deps, actor, 'reports.suspend-member', input.reportId, async (trx, context) => {
    await markInReview(trx, context.report);
    await recordAudit(trx, context.admin, { action: 'report.member-suspended', targetType: 'report', targetId: context.report.id, details: { memberId: report.reportedMemberId } });
    return ok({ reportId: context.report.id, status: context.report.status === 'OPEN' ? 'IN_REVIEW' : context.report.status });
  });
}

/**
 * An admin ends the reported relation. The transition is the mentorship
 * feature's own (history, closing post, archived space, both sides told "an
 * admin ended your mentorship"); the event's reason is a neutral phrase,
 * since members read their history in their data export, and the admin's own
 * reason goes to the audit log, read by admins only.
 */
export async function cancelReportedMentorship(deps: CoreDeps, actor: Actor, input: { reportId: number; reason: string }): Promise<Outcome<ReportAction>> {
  return actOnReport(deps, actor, 'reports.cancel-mentorship', input.reportId, async (trx, { report, admin, now }) => {
    const parsed = reasonInput.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    if (report.mentorshipId === null) return fail('wrong-state', 'This report is about a member, not a mentorship.');
    const mentorship = await lockMentorship(trx, admin.communityId, report.mentorshipId);
    if (!mentorship) return fail('wrong-state', 'That mentorship no longer exists.');
    const done = await transition(trx, { mentorship, action: 'cancel', actor: { kind: 'admin', memberId: admin.memberId }, reason: 'ended by an admin', now });
    if (!done.ok) return done;
    await markInReview(trx, report);
    await recordAudit(trx, admin, { action: 'report.mentorship-cancelled', targetType: 'mentorship', targetId: mentorship.id, details: { reportId: report.id, reason: parsed.data.reason } });
    return ok({ reportId: report.id, status: report.status === 'OPEN' ? 'IN_REVIEW' : report.status });
  });
}
