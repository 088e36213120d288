import { describe, expect, it } from 'vitest';
import { createFieldCipher, FieldCipherError } from './field-cipher.js';

const key = 'a'.repeat(64);

describe('field cipher (AES-256-GCM)', () => {
  it('opens what it sealed, and never stores the plaintext', () => {
    const cipher = createFieldCipher(key);
    const sealed = cipher.seal('xoxb-secret-token', 'slack:T1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('secret');
    expect(cipher.open(sealed, 'slack:T1')).toBe('xoxb-secret-token');
  });

  it('uses a fresh nonce each time', () => {
    const cipher = createFieldCipher(key);
    expect(cipher.seal('same', 'ctx')).not.toBe(cipher.seal('same', 'ctx'));
  });

  it('seals unicode and the empty string', () => {
    const cipher = createFieldCipher(key);
    for (const text of ['', 'Grüße, 東京 🚀']) expect(cipher.open(cipher.seal(text, 'ctx'), 'ctx')).toBe(text);
  });

  it('refuses another key, another context, a tampered value and garbage', () => {
    const cipher = createFieldCipher(key);
    const sealed = cipher.seal('xoxb-secret-token', 'slack:T1');
    expect(() => createFieldCipher('b'.repeat(64)).open(sealed, 'slack:T1')).toThrow(FieldCipherError);
    expect(() => cipher.open(sealed, 'slack:T2')).toThrow(FieldCipherError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => cipher.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'slack:T1')).toThrow(FieldCipherError);
    for (const garbage of ['', 'xoxb-plain', 'v2.a.b.c', 'v1.a.b', 'v1.AAAA.BBBB.CCCC']) expect(() => cipher.open(garbage, 'slack:T1')).toThrow(FieldCipherError);
  });

  it('wants a key of at least 32 characters', () => {
    expect(() => createFieldCipher('short')).toThrow(RangeError);
  });
});
