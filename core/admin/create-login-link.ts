import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { hashToken, newSecretToken } from './secret-token.js';

/** How long a login link works: long enough to switch to the browser, short enough that a leaked one is stale. */
export const loginLinkLifetimeMs = 10 * 60 * 1000;

export interface LoginLink {
  readonly url: string;
  readonly expiresAt: Date;
  /** The private reply for the chat command (`/mentor admin`). */
  readonly message: Message;
}

/**
 * An admin or owner asks for a way into the admin site: a single-use link,
 * valid for ten minutes. Only the token's SHA-256 is stored; the link itself
 * exists only in the reply, which must be private.
 */
export async function createLoginLink(deps: CoreDeps, actor: Actor, input: { publicUrl: string }): Promise<Outcome<LoginLink>> {
  const auth = authorizeMember(actor, 'admin.login-link');
  if (!auth.ok) return auth;
  const token = newSecretToken();
  const expiresAt = new Date(deps.clock.now().getTime() + loginLinkLifetimeMs);
  await deps.db.insertInto('login_links').values({ member_id: auth.value.memberId, token_hash: hashToken(token), expires_at: expiresAt }).execute();
  const url = `${input.publicUrl.replace(/\/+$/, '')}/login/${token}`;
  const message = privateMessage(
    [`Your link to the admin site: ${url}\nIt works once and expires `, { time: expiresAt, style: 'relative' }, '. Do not share it: it signs in as you.'],
    { title: 'Admin site' },
  );
  return ok({ url, expiresAt, message });
}
