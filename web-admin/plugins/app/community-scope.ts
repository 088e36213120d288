import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveAdminActor } from '../../../core/admin/admin-scope.js';
import type { AdminSiteOptions } from '../../options.js';
import { HttpError, notFound, parseId } from '../../render.js';

/**
 * The gate of every `/c/:communityId/...` route. No session: to the sign-in
 * page. A community the person does not administer (another community's id,
 * one that does not exist, or one where their admin role was just revoked):
 * 404, never 403, so ids reveal nothing. Otherwise `request.admin` holds the
 * actor every query and use case of the request is scoped by.
 */
export function requireCommunityAdmin(options: Pick<AdminSiteOptions, 'db'>) {
  return async function communityScope(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const session = request.adminSession;
    if (!session) return reply.redirect('/login', 303);
    const communityId = parseId((request.params as Record<string, unknown>).communityId);
    const scope = communityId === null ? null : await resolveAdminActor(options.db, session.person, communityId);
    if (!scope) throw notFound();
    request.admin = scope;
    return undefined;
  };
}

/** Owner-only pages: an admin who follows such a link is told why, with 403 (they already know the community exists). */
export function requireOwner(request: FastifyRequest): void {
  if (request.admin?.actor.role !== 'OWNER') throw new HttpError(403, 'Only an owner of this community can open this page.');
}

/** The base path of the community's pages. */
export const communityPath = (request: FastifyRequest): string => `/c/${request.admin?.community.id ?? ''}`;
