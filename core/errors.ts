/**
 * Failures: things that should not happen in normal use (a row that must exist
 * is missing, stored data no longer parses, a bug). Each carries a stable
 * `code` for logs and tests, and the error that caused it.
 *
 * Expected outcomes a user can fix (bad input, not allowed, already done) are
 * not errors: use cases return them as values, see `outcome.ts`.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A row the code relies on is missing (not a user's typo: that is a `not-found` problem). */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
}

/** Code tried to act without the right, past the checks that should have stopped it. */
export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

/** A write collided with a concurrent one in a way the code cannot settle itself. */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

/** Stored data does not satisfy its schema (edited by hand, or written by a newer version). */
export class CorruptDataError extends AppError {
  readonly code = 'CORRUPT_DATA';
}

/**
 * A button, select or form id the bot built once but can no longer act on
 * (its arguments do not parse, or the thing it names is gone): the person gets
 * "run the command again" from the adapter's router, not an error report.
 */
export class StaleInteractionError extends AppError {
  readonly code = 'STALE_INTERACTION';
}
