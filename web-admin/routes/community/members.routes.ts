import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { listMembers, memberRoles, memberStatuses } from '../../../core/admin/list-members.js';
import { recordAudit } from '../../../core/admin/record-audit.js';
import { approveMember } from '../../../core/members/approve-member.js';
import { reinstateMember } from '../../../core/members/reinstate-member.js';
import { suspendMember } from '../../../core/members/suspend-member.js';
import type { Problem } from '../../../core/outcome.js';
import { listSkills } from '../../../core/skills/skill.repository.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

const notices: Record<string, string> = {
  approved: 'The member was approved and told so.',
  suspended: 'The member was suspended; their open requests were withdrawn.',
  reinstated: 'The member was reinstated.',
};

/** The filters of the list as they were, to keep them across an action. */
function filtersOf(request: FastifyRequest): Record<string, string> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(['q', 'status', 'role', 'skillId'].map((key) => [key, typeof query[key] === 'string' ? query[key] : '']));
}

/**
 * `/c/:communityId/members`: search and filter members (status, role,
 * skill), approve those waiting, suspend with a reason, reinstate. Actions
 * call the members core with the signed-in admin as the actor.
 */
export const membersRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showList(request: FastifyRequest, reply: FastifyReply, extra: { status?: number; problem?: Problem; memberId?: number; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    const filters = filtersOf(request);
    const listed = await listMembers(deps, admin.actor, filters);
    const skills = await listSkills(options.db, admin.community.id, { includeArchived: true });
    const query = request.query as Record<string, unknown>;
    return render(request, reply, 'members', {
      title: `${admin.community.name}: members`,
      nav: 'members',
      members: listed.ok ? listed.value.members : [],
      truncated: listed.ok && listed.value.truncated,
      filters,
      filterProblem: listed.ok ? null : listed.problem.message,
      filterErrors: listed.ok ? {} : fieldErrors(listed.problem.fields),
      statuses: memberStatuses,
      roles: memberRoles,
      skills,
      notice: notices[String(query.done)] ?? null,
      problem: extra.problem?.message ?? null,
      problemMemberId: extra.memberId ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? (listed.ok ? 200 : problemStatus(listed.problem)));
  }

  app.get('/members', async (request, reply) => showList(request, reply));

  app.post<{ Params: { memberId: string } }>('/members/:memberId/approve', async (request, reply) => {
    const admin = adminOf(request);
    const memberId = parseId(request.params.memberId);
    if (memberId === null) throw notFound();
    const outcome = await approveMember(deps, admin.actor, { memberId });
    if (!outcome.ok) return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, memberId });
    await recordAudit(options.db, admin.actor, { action: 'member.approved', targetType: 'member', targetId: memberId });
    return redirectWithNotice(reply, `${communityPath(request)}/members`, 'approved');
  });

  app.post<{ Params: { memberId: string } }>('/members/:memberId/suspend', async (request, reply) => {
    const admin = adminOf(request);
    const memberId = parseId(request.params.memberId);
    if (memberId === null) throw notFound();
    const reason = formValue(request.body, 'reason');
    const outcome = await suspendMember(deps, admin.actor, { memberId, reason });
    if (!outcome.ok) return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, memberId, values: { reason } });
    return redirectWithNotice(reply, `${communityPath(request)}/members`, 'suspended');
  });

  app.post<{ Params: { memberId: string } }>('/members/:memberId/reinstate', async (request, reply) => {
    const admin = adminOf(request);
    const memberId = parseId(request.params.memberId);
    if (memberId === null) throw notFound();
    const outcome = await reinstateMember(deps, admin.actor, { memberId });
    if (!outcome.ok) return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, memberId });
    return redirectWithNotice(reply, `${communityPath(request)}/members`, 'reinstated');
  });
};
