/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505),
 * the expected way a concurrent or repeated insert loses. Read structurally so
 * the core needs no driver import.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
