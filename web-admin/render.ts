import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KnownMemberActor } from '../core/access/actor.js';
import type { AdministeredCommunity } from '../core/admin/admin-scope.js';
import type { FieldProblem, Problem } from '../core/outcome.js';
import { format } from './format.js';

/** The community the signed-in person is administering on this request (`/c/:communityId/...`). */
export interface AdminContext {
  readonly actor: KnownMemberActor;
  readonly community: AdministeredCommunity;
  readonly displayName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on `/c/:communityId/...` routes once the person is known to administer that community. */
    admin: AdminContext | null;
  }
}

/** An error with an HTTP status, for the site's error handler to render as a page. */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = () => new HttpError(404, 'There is nothing here, or you cannot administer it.');

/** The HTTP status for a problem a use case returned. */
export function problemStatus(problem: Problem): number {
  switch (problem.code) {
    case 'not-found': return 404;
    case 'forbidden': return 403;
    case 'invalid-input': return 400;
    default: return 409;
  }
}

/** Field problems keyed by field name, the first message of each, for templates to show next to the input. */
export function fieldErrors(fields: readonly FieldProblem[] | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of fields ?? []) errors[field] ??= message;
  return errors;
}

/**
 * Renders a page in the layout. Every page gets a fresh CSRF token (bound to
 * the session) for its forms, the admin context for the navigation, and the
 * formatting helpers.
 */
export function render(request: FastifyRequest, reply: FastifyReply, view: string, data: { title: string } & Record<string, unknown>, status = 200): FastifyReply {
  const csrfToken = reply.generateCsrf({ userInfo: request.adminSession?.tokenHash ?? 'anonymous' });
  return reply.code(status).type('text/html; charset=utf-8').view(`${view}.eta`, {
    csrfToken,
    admin: request.admin,
    signedIn: request.adminSession !== null,
    nav: '',
    errors: {},
    values: {},
    notice: null,
    publicProgram: null,
    fmt: format,
    ...data,
  });
}

/** A form's value as one trimmed string ('' when absent); repeated fields keep the last value. */
export function formValue(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last.trim() : '';
}

/** A positive whole number from a route parameter or form field, or null. */
export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id <= 2 ** 53 ? id : null;
}

/** After a successful POST: back to a page with a fixed notice key (never free text from the URL). */
export function redirectWithNotice(reply: FastifyReply, path: string, notice: string): FastifyReply {
  const separator = path.includes('?') ? '&' : '?';
  return reply.redirect(`${path}${separator}done=${encodeURIComponent(notice)}`, 303);
}
