import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { adminCancelMentorship } from '../../../core/admin/cancel-mentorship.js';
import { adminCompleteMentorship } from '../../../core/admin/complete-mentorship.js';
import { adminExtendMentorship } from '../../../core/admin/extend-mentorship.js';
import { listMentorships, mentorshipStatuses, viewMentorship } from '../../../core/admin/mentorship-records.js';
import { recordAudit } from '../../../core/admin/record-audit.js';
import { reactivateMentorship } from '../../../core/mentorships/reactivate-mentorship.js';
import type { Problem } from '../../../core/outcome.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

const notices: Record<string, string> = {
  reactivated: 'The mentorship runs again, and its space reopens; both members were told.',
  cancelled: 'The mentorship is cancelled; both members were told an admin ended it.',
  completed: 'The mentorship is completed: its space is archived with a feedback prompt, and both members were told.',
  extended: 'The end date is moved; the pair’s space was told.',
};

/** The forms of a mentorship's page; a problem shows by its own form's fields. */
type MentorshipForm = 'reactivate' | 'cancel' | 'complete' | 'extend';

/**
 * `/c/:communityId/mentorships`: the list by status, and each mentorship's
 * history, sessions, goals and feedback, with the admin's actions on it:
 * reactivate a cancelled or completed one; extend, complete or cancel a
 * running or paused one. The mentorships core checks each against the
 * state machine; the use cases for complete, extend and cancel audit
 * themselves, reactivation is audited here.
 */
export const mentorshipsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showMentorship(request: FastifyRequest, reply: FastifyReply, mentorshipId: number, extra: { status?: number; problem?: Problem; form?: MentorshipForm; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    const outcome = await viewMentorship(options, admin.actor, { mentorshipId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return render(request, reply, 'error', { title: 'Mentorship', message: outcome.problem.message }, problemStatus(outcome.problem));
    }
    return render(request, reply, 'mentorship', {
      title: `Mentorship #${outcome.value.id}`,
      nav: 'mentorships',
      mentorship: outcome.value,
      notice: extra.problem ? null : (notices[String((request.query as Record<string, unknown>).done)] ?? null),
      problem: extra.problem?.message ?? null,
      problemForm: extra.form ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? 200);
  }
  app.get('/mentorships', async (request, reply) => {
    const admin = adminOf(request);
    const query = request.query as Record<string, unknown>;
    const listed = await listMentorships(options, admin.actor, { status: typeof query.status === 'string' ? query.status : '' });
    return render(request, reply, 'mentorships', {
      title: `${admin.community.name}: mentorships`,
      nav: 'mentorships',
      statuses: mentorshipStatuses,
      status: listed.ok ? (listed.value.status ?? '') : '',
      mentorships: listed.ok ? listed.value.mentorships : [],
      truncated: listed.ok && listed.value.truncated,
      filterProblem: listed.ok ? null : listed.problem.message,
      filterErrors: listed.ok ? {} : fieldErrors(listed.problem.fields),
    }, listed.ok ? 200 : problemStatus(listed.problem));
  });

  app.get<{ Params: { mentorshipId: string } }>('/mentorships/:mentorshipId', async (request, reply) => {
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    return showMentorship(request, reply, mentorshipId);
  });

  app.post<{ Params: { mentorshipId: string } }>('/mentorships/:mentorshipId/reactivate', async (request, reply) => {
    const admin = adminOf(request);
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const values = { endDate: formValue(request.body, 'endDate'), reason: formValue(request.body, 'reason') };
    const outcome = await reactivateMentorship(deps, admin.actor, { mentorshipId, endDate: values.endDate || null, reason: values.reason || null });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showMentorship(request, reply, mentorshipId, { status: problemStatus(outcome.problem), problem: outcome.problem, form: 'reactivate', values });
    }
    await recordAudit(options.db, admin.actor, {
      action: 'mentorship.reactivated', targetType: 'mentorship', targetId: mentorshipId,
      details: { ...(values.endDate ? { endDate: values.endDate } : {}), ...(values.reason ? { reason: values.reason } : {}) },
    });
    return redirectWithNotice(reply, `${communityPath(request)}/mentorships/${mentorshipId}`, 'reactivated');
  });

  app.post<{ Params: { mentorshipId: string } }>('/mentorships/:mentorshipId/extend', async (request, reply) => {
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const values = { endDate: formValue(request.body, 'endDate') };
    const outcome = await adminExtendMentorship(deps, adminOf(request).actor, { mentorshipId, endDate: values.endDate });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showMentorship(request, reply, mentorshipId, { status: problemStatus(outcome.problem), problem: outcome.problem, form: 'extend', values });
    }
    return redirectWithNotice(reply, `${communityPath(request)}/mentorships/${mentorshipId}`, 'extended');
  });

  app.post<{ Params: { mentorshipId: string } }>('/mentorships/:mentorshipId/complete', async (request, reply) => {
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const values = { note: formValue(request.body, 'note') };
    const outcome = await adminCompleteMentorship(deps, adminOf(request).actor, { mentorshipId, note: values.note || null });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showMentorship(request, reply, mentorshipId, { status: problemStatus(outcome.problem), problem: outcome.problem, form: 'complete', values });
    }
    return redirectWithNotice(reply, `${communityPath(request)}/mentorships/${mentorshipId}`, 'completed');
  });

  app.post<{ Params: { mentorshipId: string } }>('/mentorships/:mentorshipId/cancel', async (request, reply) => {
    const admin = adminOf(request);
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const values = { reason: formValue(request.body, 'reason') };
    // The use case audits the admin's reason itself.
    const outcome = await adminCancelMentorship(deps, admin.actor, { mentorshipId, reason: values.reason });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showMentorship(request, reply, mentorshipId, { status: problemStatus(outcome.problem), problem: outcome.problem, form: 'cancel', values });
    }
    return redirectWithNotice(reply, `${communityPath(request)}/mentorships/${mentorshipId}`, 'cancelled');
  });
};
