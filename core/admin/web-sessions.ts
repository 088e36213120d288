import type { Kysely } from 'kysely';
import type { Database, Platform } from '../store/database.js';
import { hashToken, looksLikeToken, newSecretToken } from './secret-token.js';

/**
 * Who is signed in to the admin site: a person on one platform, not a member
 * row. The communities they may administer are looked up on every request
 * (see admin-scope.ts), so revoking someone's admin role takes effect at once.
 */
export interface AdminPerson {
  readonly platform: Platform;
  readonly platformUserId: string;
}

/** A session lasts 12 hours from the last request: a working day, then a new link. */
export const webSessionIdleMs = 12 * 60 * 60 * 1000;

/** `last_seen_at` is written at most this often, so browsing is not one write per page. */
const touchEveryMs = 60 * 1000;

export interface SignedInSession {
  readonly person: AdminPerson;
  /** The hash that keys the row; the site binds CSRF tokens to it. */
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

/** Stores a new session for the person and returns the cookie's token (the only copy of it). */
export async function startWebSession(db: Kysely<Database>, person: AdminPerson, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + webSessionIdleMs);
  await db
    .insertInto('web_sessions')
    .values({ token_hash: hashToken(token), platform: person.platform, platform_user_id: person.platformUserId, expires_at: expiresAt, created_at: now, last_seen_at: now })
    .execute();
  return { token, expiresAt };
}

/**
 * The session a cookie's token opens, or null when it is unknown, revoked or
 * expired. A live session slides: its expiry moves 12 hours past this request.
 */
export async function findWebSession(db: Kysely<Database>, token: string, now: Date): Promise<SignedInSession | null> {
  if (!looksLikeToken(token)) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('web_sessions')
    .select(['platform', 'platform_user_id', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at.getTime() <= now.getTime()) return null;
  let expiresAt = row.expires_at;
  if (now.getTime() - row.last_seen_at.getTime() >= touchEveryMs) {
    expiresAt = new Date(now.getTime() + webSessionIdleMs);
    await db.updateTable('web_sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
  }
  return { person: { platform: row.platform, platformUserId: row.platform_user_id }, tokenHash, expiresAt };
}

/** Ends a session (sign out). Unknown or already revoked tokens are ignored. */
export async function revokeWebSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  if (!looksLikeToken(token)) return;
  await db.updateTable('web_sessions').set({ revoked_at: now }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a person, e.g. when their last admin role is revoked everywhere. */
export async function revokePersonSessions(db: Kysely<Database>, person: AdminPerson, now: Date): Promise<number> {
  const result = await db
    .updateTable('web_sessions')
    .set({ revoked_at: now })
    .where('platform', '=', person.platform)
    .where('platform_user_id', '=', person.platformUserId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
