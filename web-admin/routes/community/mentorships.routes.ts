import type { FastifyPluginAsync } from 'fastify';
import { listMentorships, mentorshipStatuses, viewMentorship } from '../../../core/admin/mentorship-records.js';
import type { AdminSiteOptions } from '../../options.js';
import { fieldErrors, notFound, parseId, problemStatus, render } from '../../render.js';
import { adminOf } from './admin-of.js';

/** `/c/:communityId/mentorships`: the list by status, and each mentorship's history, sessions, goals and feedback. */
export const mentorshipsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
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
    const admin = adminOf(request);
    const mentorshipId = parseId(request.params.mentorshipId);
    if (mentorshipId === null) throw notFound();
    const outcome = await viewMentorship(options, admin.actor, { mentorshipId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return render(request, reply, 'error', { title: 'Mentorship', message: outcome.problem.message }, problemStatus(outcome.problem));
    }
    return render(request, reply, 'mentorship', { title: `Mentorship #${outcome.value.id}`, nav: 'mentorships', mentorship: outcome.value });
  });
};
