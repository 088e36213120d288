/**
 * Encryption of single database fields (session notes, report details, admin
 * notes), as the core needs it. `adapters/crypto/field-cipher.ts` implements
 * it with AES-256-GCM; tests use that real implementation.
 *
 * `context` is authenticated but not stored: pass what the value belongs to
 * (`reports.details:42`), so a value copied into another row or column no
 * longer opens.
 */
export interface FieldCipher {
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws for a value sealed with another key or context, or tampered with. */
  open(sealed: string, context: string): string;
}
