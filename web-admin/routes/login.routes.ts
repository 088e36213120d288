import type { FastifyPluginAsync } from 'fastify';
import { resolveAdminActor } from '../../core/admin/admin-scope.js';
import { recordAudit } from '../../core/admin/record-audit.js';
import { inspectLoginLink, redeemLoginLink, type LoginLinkState } from '../../core/admin/redeem-login-link.js';
import { revokeWebSession } from '../../core/admin/web-sessions.js';
import type { AdminSiteOptions } from '../options.js';
import type { SessionCookie } from '../plugins/app/session.js';
import { render } from '../render.js';

const linkPages: Record<Exclude<LoginLinkState, 'valid'>, { status: number; title: string; message: string }> = {
  used: { status: 410, title: 'This link was already used', message: 'Each sign-in link works once. Type /mentor admin in your community’s chat to get a new one.' },
  expired: { status: 410, title: 'This link has expired', message: 'Sign-in links work for 10 minutes. Type /mentor admin in your community’s chat to get a new one.' },
  unknown: { status: 404, title: 'This link is not valid', message: 'Check that you copied the whole link, or type /mentor admin in your community’s chat to get a new one.' },
};

/** After an owner uninstalled a community (web-admin/routes/community/danger-zone.routes.ts). */
const uninstalledNotice = 'The community is uninstalled: the program is closed there and its members were told. You administer no other community, so you are signed out.';

// Enough for a person who mistypes; far too few to guess a 256-bit token.
const signInLimit = { rateLimit: { max: 10, timeWindow: 60_000 } };

/**
 * Signing in without passwords. `GET /login/:token` only shows the link's
 * state and a button: a chat app's link preview fetching the URL must not
 * burn the single-use link. The button posts to the same URL, which uses the
 * link, starts a server-side session and sets its cookie.
 */
export const loginRoutes: FastifyPluginAsync<AdminSiteOptions & { cookie: SessionCookie }> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  app.get('/login', async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done;
    const notice = done === 'signed-out' ? 'You are signed out.' : done === 'uninstalled' ? uninstalledNotice : null;
    return render(request, reply, 'login', { title: 'Sign in', notice });
  });

  app.get<{ Params: { token: string } }>('/login/:token', { config: signInLimit }, async (request, reply) => {
    const state = await inspectLoginLink(deps, request.params.token);
    if (state === 'valid') return render(request, reply, 'login-link', { title: 'Sign in to the admin site', token: request.params.token });
    const page = linkPages[state];
    return render(request, reply, 'login-link-invalid', { title: page.title, message: page.message }, page.status);
  });

  app.post<{ Params: { token: string } }>('/login/:token', { config: signInLimit }, async (request, reply) => {
    const outcome = await redeemLoginLink(deps, { token: request.params.token });
    if (!outcome.ok) {
      const page = outcome.problem.code === 'already-done' ? linkPages.used : outcome.problem.code === 'wrong-state' ? linkPages.expired : null;
      const status = page?.status ?? (outcome.problem.code === 'forbidden' ? 403 : 404);
      return render(request, reply, 'login-link-invalid', { title: page?.title ?? 'You cannot sign in with this link', message: outcome.problem.message }, status);
    }
    const { sessionToken, expiresAt, person, communityId } = outcome.value;
    options.cookie.set(reply, sessionToken, expiresAt);
    const scope = await resolveAdminActor(options.db, person, communityId);
    if (scope) await recordAudit(options.db, scope.actor, { action: 'admin.signed-in', targetType: 'member', targetId: scope.actor.memberId });
    return reply.redirect(scope ? `/c/${communityId}` : '/', 303);
  });

  app.post('/logout', async (request, reply) => {
    const token = request.cookies[options.cookie.name];
    if (token) await revokeWebSession(options.db, token, options.clock.now());
    options.cookie.clear(reply);
    return reply.redirect('/login?done=signed-out', 303);
  });
};
