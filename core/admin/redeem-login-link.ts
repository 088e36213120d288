import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { hashToken, looksLikeToken } from './secret-token.js';
import { startWebSession, type AdminPerson } from './web-sessions.js';

/** What a login link is worth right now, for the page that offers to use it. */
export type LoginLinkState = 'valid' | 'used' | 'expired' | 'unknown';

/** Looks at a link without using it (a link preview or a second tab must not burn it). */
export async function inspectLoginLink(deps: CoreDeps, token: string): Promise<LoginLinkState> {
  if (!looksLikeToken(token)) return 'unknown';
  const row = await deps.db.selectFrom('login_links').select(['used_at', 'expires_at']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) return 'unknown';
  if (row.used_at) return 'used';
  return row.expires_at.getTime() <= deps.clock.now().getTime() ? 'expired' : 'valid';
}

export interface SignIn {
  readonly person: AdminPerson;
  /** The community the link was asked for in, where the site opens. */
  readonly communityId: number;
  /** The session cookie's value; only its hash is stored. */
  readonly sessionToken: string;
  readonly expiresAt: Date;
}

/**
 * Uses a login link: marks it used and starts a web session for the person
 * who asked for it. No policy row: the token is the credential, the link was
 * authorized when it was made, and the member must still be an active admin
 * or owner now. Exactly one of two concurrent uses succeeds (the row is locked).
 *
 * Problems: `not-found` (no such link), `already-done` (used), `wrong-state`
 * (expired), `forbidden` (no longer an admin).
 */
export async function redeemLoginLink(deps: CoreDeps, input: { token: string }): Promise<Outcome<SignIn>> {
  if (!looksLikeToken(input.token)) return fail('not-found', 'This sign-in link is not valid. Ask the bot for a new one with /mentor admin.');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('login_links')
      .innerJoin('members', 'members.id', 'login_links.member_id')
      .innerJoin('communities', 'communities.id', 'members.community_id')
      .select(['login_links.id', 'login_links.used_at', 'login_links.expires_at', 'members.community_id', 'members.platform_user_id', 'members.role', 'members.status', 'members.erased_at', 'communities.platform'])
      .where('login_links.token_hash', '=', hashToken(input.token))
      .forUpdate('login_links')
      .executeTakeFirst();
    if (!link) return fail('not-found', 'This sign-in link is not valid. Ask the bot for a new one with /mentor admin.');
    if (link.used_at) return fail('already-done', 'This sign-in link was already used. Each link works once: ask the bot for a new one with /mentor admin.');
    if (link.expires_at.getTime() <= now.getTime()) return fail('wrong-state', 'This sign-in link has expired (links work for 10 minutes). Ask the bot for a new one with /mentor admin.');
    await trx.updateTable('login_links').set({ used_at: now }).where('id', '=', link.id).execute();
    if (link.erased_at || link.status !== 'ACTIVE' || (link.role !== 'ADMIN' && link.role !== 'OWNER')) {
      return fail('forbidden', 'You are no longer an admin of this community.');
    }
    const person: AdminPerson = { platform: link.platform, platformUserId: link.platform_user_id };
    const session = await startWebSession(trx, person, now);
    return ok({ person, communityId: link.community_id, sessionToken: session.token, expiresAt: session.expiresAt });
  });
}
