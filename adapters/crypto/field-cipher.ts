import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts single database fields (Slack bot tokens, later private notes)
 * with AES-256-GCM. The key is derived from the app's secret key with HKDF,
 * so the same SECRET_KEY can sign sessions without the two uses sharing a key.
 *
 * A sealed value reads `v1.<iv>.<tag>.<ciphertext>` (base64url parts): the
 * version lets a later key or algorithm live next to old rows. `context` is
 * authenticated but not stored (GCM's additional data): pass what the value
 * belongs to (`slack_installations.bot_token:T123`), and a value copied into
 * another row or column no longer opens.
 */
export interface FieldCipher {
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws {@link FieldCipherError} for a value sealed with another key or context, or tampered with. */
  open(sealed: string, context: string): string;
}

export class FieldCipherError extends Error {
  readonly code = 'FIELD_CIPHER';
}

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;
// Fixed and public on purpose: HKDF's salt separates uses, the secret is the input key.
const salt = 'mentorship-bot/field-cipher';
const info = 'aes-256-gcm v1';

export function createFieldCipher(secretKey: string): FieldCipher {
  if (secretKey.length < 32) throw new RangeError('the secret key must be at least 32 characters');
  const key = Buffer.from(hkdfSync('sha256', secretKey, salt, info, 32));

  return {
    seal(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes }).setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [head, iv, tag, ciphertext, ...rest] = sealed.split('.');
      if (head !== version || !iv || !tag || ciphertext === undefined || rest.length > 0) throw new FieldCipherError('not a sealed field value');
      const ivBuffer = Buffer.from(iv, 'base64url');
      const tagBuffer = Buffer.from(tag, 'base64url');
      if (ivBuffer.length !== ivBytes || tagBuffer.length !== tagBytes) throw new FieldCipherError('not a sealed field value');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBuffer, { authTagLength: tagBytes }).setAAD(Buffer.from(context, 'utf8')).setAuthTag(tagBuffer);
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        // GCM says only "unable to authenticate": wrong key, wrong context and tampering look the same, by design.
        throw new FieldCipherError('the sealed value does not open with this key and context', { cause: error });
      }
    },
  };
}
