import { createFieldCipher } from '../adapters/crypto/field-cipher.js';
import type { FieldCipher } from '../core/ports/field-cipher.js';

/**
 * The real AES-256-GCM field cipher with a fixed test secret, for core tests
 * (core/ may not import adapters/, so they take it from here).
 */
export const testCipher: FieldCipher = createFieldCipher('test-secret-'.padEnd(40, 'x'));
