import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer secret for a login link or a web session: 32 random bytes,
 * URL-safe. Only {@link hashToken}'s digest is ever stored, so a copy of the
 * database lets nobody sign in.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of the token, hex. Tokens carry 256 bits of entropy, so a plain (unsalted) hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as {@link newSecretToken} makes it: anything else is refused before touching the database. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
