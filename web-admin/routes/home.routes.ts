import type { FastifyPluginAsync } from 'fastify';
import { listAdministeredCommunities } from '../../core/admin/admin-scope.js';
import type { AdminSiteOptions } from '../options.js';
import { render } from '../render.js';

/** `GET /`: the communities the signed-in person administers, to pick one. */
export const homeRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  app.get('/', async (request, reply) => {
    if (!request.adminSession) return reply.redirect('/login', 303);
    const communities = await listAdministeredCommunities(options.db, request.adminSession.person);
    const uninstalled = (request.query as Record<string, unknown>).done === 'uninstalled';
    return render(request, reply, 'home', { title: 'Your communities', communities, notice: uninstalled ? 'The community is uninstalled: the program is closed there and its members were told.' : null });
  });
};
