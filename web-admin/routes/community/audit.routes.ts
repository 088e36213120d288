import type { FastifyPluginAsync } from 'fastify';
import { listAuditLog } from '../../../core/admin/list-audit-log.js';
import type { AdminSiteOptions } from '../../options.js';
import { parseId, problemStatus, render } from '../../render.js';
import { adminOf } from './admin-of.js';

/** `GET /c/:communityId/audit`: every admin action, newest first, 100 a page. */
export const auditRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  app.get('/audit', async (request, reply) => {
    const admin = adminOf(request);
    const before = parseId((request.query as Record<string, unknown>).before);
    const outcome = await listAuditLog(options, admin.actor, before === null ? {} : { before });
    if (!outcome.ok) return render(request, reply, 'error', { title: 'Audit log', message: outcome.problem.message }, problemStatus(outcome.problem));
    return render(request, reply, 'audit', { title: `${admin.community.name}: audit log`, nav: 'audit', ...outcome.value, paged: before !== null });
  });
};
