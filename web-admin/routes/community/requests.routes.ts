import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { listMentorships } from '../../../core/admin/mentorship-records.js';
import { recordAudit } from '../../../core/admin/record-audit.js';
import { approveRequest } from '../../../core/mentorships/approve-request.js';
import { declineRequest } from '../../../core/mentorships/decline-request.js';
import type { Problem } from '../../../core/outcome.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

const notices: Record<string, string> = {
  approved: 'The mentorship was approved: it starts now, and both members were told.',
  declined: 'The request was declined; both members were told.',
};

const dayMs = 24 * 60 * 60 * 1000;

/**
 * `/c/:communityId/requests`: requests the mentor accepted that wait for an
 * admin's approval (communities with `requestsNeedAdminApproval`). Approve
 * starts the mentorship; decline ends it with an optional reason the members
 * read. The mentorships core locks the row and checks its status.
 */
export const requestsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showList(request: FastifyRequest, reply: FastifyReply, extra: { status?: number; problem?: Problem; mentorshipId?: number; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    const listed = await listMentorships(deps, admin.actor, { status: 'AWAITING_APPROVAL' });
    const now = options.clock.now().getTime();
    const requests = listed.ok ? listed.value.mentorships.map((entry) => ({ ...entry, ageDays: Math.max(0, Math.floor((now - entry.createdAt.getTime()) / dayMs)) })) : [];
    return render(request, reply, 'requests', {
      title: `${admin.community.name}: requests awaiting approval`,
      nav: 'requests',
      requests,
      truncated: listed.ok && listed.value.truncated,
      notice: notices[String((request.query as Record<string, unknown>).done)] ?? null,
      // A problem on a request no longer listed (approved meanwhile) still shows at the top.
      problem: extra.problem?.message ?? (listed.ok ? null : listed.problem.message),
      problemMentorshipId: extra.mentorshipId ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? 200);
  }

  app.get('/requests', async (request, reply) => showList(request, reply));

  app.post<{ Params: { mentorshipId: string } }>('/requests/:mentorshipId/approve', async (request, reply) => {
    const admin = adminOf(request);
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const outcome = await approveRequest(deps, admin.actor, { mentorshipId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, mentorshipId });
    }
    await recordAudit(options.db, admin.actor, { action: 'request.approved', targetType: 'mentorship', targetId: mentorshipId });
    return redirectWithNotice(reply, `${communityPath(request)}/requests`, 'approved');
  });

  app.post<{ Params: { mentorshipId: string } }>('/requests/:mentorshipId/decline', async (request, reply) => {
    const admin = adminOf(request);
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const reason = formValue(request.body, 'reason');
    const outcome = await declineRequest(deps, admin.actor, { mentorshipId, reason: reason === '' ? null : reason });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, mentorshipId, values: { reason } });
    }
    await recordAudit(options.db, admin.actor, { action: 'request.declined', targetType: 'mentorship', targetId: mentorshipId, ...(reason ? { details: { reason } } : {}) });
    return redirectWithNotice(reply, `${communityPath(request)}/requests`, 'declined');
  });
};
