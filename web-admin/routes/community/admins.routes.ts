import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { listMembers } from '../../../core/admin/list-members.js';
import { changeMemberRole } from '../../../core/members/change-member-role.js';
import type { Problem } from '../../../core/outcome.js';
import type { MemberRole } from '../../../core/store/database.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath, requireOwner } from '../../plugins/app/community-scope.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

const notices: Record<string, string> = { granted: 'Role granted; the member was told.', revoked: 'Admin rights revoked; the member was told.' };
const grantable: readonly MemberRole[] = ['ADMIN', 'OWNER'];

/**
 * `/c/:communityId/admins` (owners): who administers the community; grant a
 * member admin or owner rights, revoke them. The members core keeps the last
 * owner and audits every change. A revoked admin's open sessions lose this
 * community on their next request (access is checked on every request).
 */
export const adminsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showPage(request: FastifyRequest, reply: FastifyReply, extra: { status?: number; problem?: Problem; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    const list = async (role: MemberRole) => {
      const listed = await listMembers(options, admin.actor, { status: 'ACTIVE', role });
      return listed.ok ? listed.value : { members: [], truncated: false };
    };
    const [owners, admins, regulars] = [await list('OWNER'), await list('ADMIN'), await list('REGULAR')];
    return render(request, reply, 'admins', {
      title: `${admin.community.name}: admins`,
      nav: 'admins',
      staff: [...owners.members, ...admins.members],
      candidates: regulars.members,
      candidatesTruncated: regulars.truncated,
      roles: grantable,
      notice: notices[String((request.query as Record<string, unknown>).done)] ?? null,
      problem: extra.problem?.message ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? 200);
  }

  app.get('/admins', async (request, reply) => {
    requireOwner(request);
    return showPage(request, reply);
  });

  app.post('/admins', async (request, reply) => {
    requireOwner(request);
    const values = { memberId: formValue(request.body, 'memberId'), role: formValue(request.body, 'role') };
    const memberId = parseId(values.memberId);
    const role = grantable.find((candidate) => candidate === values.role);
    const errors: Problem['fields'] = [
      ...(memberId === null ? [{ field: 'memberId', message: 'Choose a member.' }] : []),
      ...(role === undefined ? [{ field: 'role', message: 'Choose admin or owner.' }] : []),
    ];
    if (memberId === null || role === undefined) {
      return showPage(request, reply, { status: 400, problem: { code: 'invalid-input', message: 'Some answers need fixing.', fields: errors }, values });
    }
    const outcome = await changeMemberRole(deps, adminOf(request).actor, { memberId, role });
    if (!outcome.ok) return showPage(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, values });
    return redirectWithNotice(reply, `${communityPath(request)}/admins`, 'granted');
  });

  app.post<{ Params: { memberId: string } }>('/admins/:memberId/revoke', async (request, reply) => {
    requireOwner(request);
    const memberId = parseId(request.params.memberId);
    if (memberId === null) throw notFound();
    const outcome = await changeMemberRole(deps, adminOf(request).actor, { memberId, role: 'REGULAR' });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showPage(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem });
    }
    return redirectWithNotice(reply, `${communityPath(request)}/admins`, 'revoked');
  });
};
