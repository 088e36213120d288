import type { z } from 'zod';

/** One input field the user must fix, named as the form that collected it names it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Something the user can act on: what went wrong and how to fix it. `code` is
 * stable (tests and adapters switch on it); `message` is shown to the user.
 */
export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly fields?: readonly FieldProblem[];
}

/** The codes in use; later features add theirs here. */
export type ProblemCode =
  | 'invalid-input'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'already-done'
  | 'wrong-state'
  | 'wrong-step'
  | 'last-owner'
  | 'limit-reached';

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Failure {
  readonly ok: false;
  readonly problem: Problem;
}

/** What a use case returns: its value, or the problem the user must fix. */
export type Outcome<T> = Success<T> | Failure;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail(code: ProblemCode, message: string, fields?: readonly FieldProblem[]): Failure {
  return { ok: false, problem: fields ? { code, message, fields } : { code, message } };
}

/**
 * Turns zod's issues into an `invalid-input` problem naming each field. The
 * schemas write their messages for people ("Use HH:MM, e.g. 18:30"), so they
 * are passed through as they are; issues without a path belong to the form.
 *
 * Fields are dotted paths (`codeOfConduct.text`); `form: true` keeps only the
 * first segment, which is the id of the form input the person must fix.
 */
export function invalidInput(error: z.ZodError, summary = 'Some answers need fixing.', options: { form?: boolean } = {}): Failure {
  const fields = error.issues.map((issue) => {
    const path = options.form ? issue.path.slice(0, 1) : issue.path;
    return { field: path.length > 0 ? path.map(String).join('.') : 'form', message: issue.message };
  });
  return fail('invalid-input', summary, fields);
}
