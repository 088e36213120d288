import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../core/admin/record-audit.js';
import { exportCommunityData } from '../../../core/communities/export-community-data.js';
import { uninstallCommunity } from '../../../core/communities/uninstall-community.js';
import type { Problem } from '../../../core/outcome.js';
import type { AdminSiteOptions } from '../../options.js';
import { requireOwner } from '../../plugins/app/community-scope.js';
import type { SessionCookie } from '../../plugins/app/session.js';
import { fieldErrors, formValue, problemStatus, render } from '../../render.js';
import { adminOf } from './admin-of.js';

/**
 * `/c/:communityId/danger-zone` (owners): download all of the community's
 * data as JSON, and uninstall (close the program, confirmed by typing the
 * community's name). Both are POSTs with CSRF, so no link, prefetch or
 * crawler triggers them; the export is audited here, the uninstall by its use
 * case in its own transaction. After an uninstall the community's pages
 * answer 404 (the site opens active communities only), so the owner lands on
 * the home page, or on the sign-in page when their session was revoked too.
 */
export const dangerZoneRoutes: FastifyPluginAsync<AdminSiteOptions & { cookie: SessionCookie }> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  function showPage(request: FastifyRequest, reply: FastifyReply, extra: { status?: number; problem?: Problem; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    return render(request, reply, 'danger-zone', {
      title: `${admin.community.name}: danger zone`,
      nav: 'danger-zone',
      problem: extra.problem?.message ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? 200);
  }

  app.get('/danger-zone', async (request, reply) => {
    requireOwner(request);
    return showPage(request, reply);
  });

  app.post('/danger-zone/export', async (request, reply) => {
    requireOwner(request);
    const admin = adminOf(request);
    const outcome = await exportCommunityData(deps, admin.actor);
    if (!outcome.ok) return showPage(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem });
    await recordAudit(options.db, admin.actor, { action: 'community.exported', targetType: 'community', targetId: admin.community.id });
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${outcome.value.filename}"`)
      .send(JSON.stringify(outcome.value.data, null, 2));
  });

  app.post('/danger-zone/uninstall', async (request, reply) => {
    requireOwner(request);
    const values = { confirmName: formValue(request.body, 'confirmName') };
    const outcome = await uninstallCommunity(deps, adminOf(request).actor, values);
    if (!outcome.ok) return showPage(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, values });
    if (outcome.value.signedOut) {
      options.cookie.clear(reply);
      return reply.redirect('/login?done=uninstalled', 303);
    }
    return reply.redirect('/?done=uninstalled', 303);
  });
};
