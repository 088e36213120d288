import type { FastifyInstance, FastifyReply } from 'fastify';
import { findWebSession, type SignedInSession } from '../../../core/admin/web-sessions.js';
import type { AdminSiteOptions } from '../../options.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person's session, or null for a visitor. */
    adminSession: SignedInSession | null;
  }
}

export interface SessionCookie {
  readonly name: string;
  set(reply: FastifyReply, token: string, expiresAt: Date): void;
  clear(reply: FastifyReply): void;
}

/**
 * The session cookie: httpOnly, SameSite=Lax (so the sign-in link opened from
 * a chat app works), Secure behind HTTPS, where the `__Host-` prefix also
 * pins it to this host and path. It holds a random token; the session itself
 * is the `web_sessions` row, so revoking the row ends it at once.
 */
export function sessionCookie(secure: boolean): SessionCookie {
  const name = secure ? '__Host-mentor_session' : 'mentor_session';
  const base = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  return {
    name,
    set: (reply, token, expiresAt) => void reply.setCookie(name, token, { ...base, expires: expiresAt }),
    clear: (reply) => void reply.clearCookie(name, base),
  };
}

/** Reads the session cookie on every request into `request.adminSession` (null when absent, expired or revoked). */
export function registerSession(app: FastifyInstance, options: Pick<AdminSiteOptions, 'db' | 'clock'>, cookie: SessionCookie): void {
  app.decorateRequest('adminSession', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    const token = request.cookies[cookie.name];
    request.adminSession = token ? await findWebSession(options.db, token, options.clock.now()) : null;
  });
}
