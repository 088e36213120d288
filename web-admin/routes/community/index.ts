import type { FastifyPluginAsync } from 'fastify';
import type { AdminSiteOptions } from '../../options.js';
import type { SessionCookie } from '../../plugins/app/session.js';
import { requireCommunityAdmin } from '../../plugins/app/community-scope.js';
import { adminsRoutes } from './admins.routes.js';
import { auditRoutes } from './audit.routes.js';
import { dangerZoneRoutes } from './danger-zone.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { deadLettersRoutes } from './dead-letters.routes.js';
import { exportsRoutes } from './exports.routes.js';
import { membersRoutes } from './members.routes.js';
import { mentorshipsRoutes } from './mentorships.routes.js';
import { reportsRoutes } from './reports.routes.js';
import { requestsRoutes } from './requests.routes.js';
import { roundsRoutes } from './rounds.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { skillsRoutes } from './skills.routes.js';

/**
 * Everything under `/c/:communityId`: one gate for all of it (signed in, and
 * an active admin or owner of that community, else 404), then one file per
 * URL area. Every query below is filtered by `request.admin`'s community.
 */
export const communityRoutes: FastifyPluginAsync<AdminSiteOptions & { cookie: SessionCookie }> = async (app, options) => {
  app.addHook('onRequest', requireCommunityAdmin(options));
  for (const routes of [
    dashboardRoutes, membersRoutes, requestsRoutes, mentorshipsRoutes, roundsRoutes, reportsRoutes, deadLettersRoutes, auditRoutes, exportsRoutes, settingsRoutes, skillsRoutes,
    adminsRoutes, dangerZoneRoutes,
  ]) {
    await app.register(routes, options);
  }
};
