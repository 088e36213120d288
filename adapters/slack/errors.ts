/**
 * How the adapter reads the Web API's failures. The WebClient throws coded
 * errors: `slack_webapi_platform_error` with Slack's own code in
 * `data.error` (HTTP 200, `ok: false`), `slack_webapi_rate_limited_error`
 * with `retryAfter` in seconds (HTTP 429), `slack_webapi_http_error` for any
 * other status, `slack_webapi_request_error` when no answer came. Codes are
 * compared rather than classes, so a second copy of @slack/web-api in
 * node_modules cannot break `instanceof`.
 */

interface CodedSlackError {
  readonly code?: unknown;
  readonly data?: { readonly error?: unknown };
  readonly retryAfter?: unknown;
  readonly statusCode?: unknown;
}

function coded(error: unknown): CodedSlackError {
  return typeof error === 'object' && error !== null ? (error as CodedSlackError) : {};
}

/** Slack's error code (`expired_trigger_id`, `token_revoked`…) of a platform error, or null. */
export function slackErrorCode(error: unknown): string | null {
  const { code, data } = coded(error);
  return code === 'slack_webapi_platform_error' && typeof data?.error === 'string' ? data.error : null;
}

/** A 429 the client was told not to wait out: Slack's `Retry-After`, in milliseconds. */
export function rateLimitDelayMs(error: unknown): number | null {
  const { code, retryAfter } = coded(error);
  return code === 'slack_webapi_rate_limited_error' && typeof retryAfter === 'number' ? Math.max(0, retryAfter * 1000) : null;
}

/** Slack's side failed or did not answer: trying later may work. */
export function isTransientFailure(error: unknown): boolean {
  const { code, statusCode } = coded(error);
  if (code === 'slack_webapi_request_error') return true;
  if (code === 'slack_webapi_http_error') return typeof statusCode === 'number' && statusCode >= 500;
  return slackErrorCode(error) === 'internal_error' || slackErrorCode(error) === 'fatal_error' || slackErrorCode(error) === 'service_unavailable';
}

/** The workspace took the bot's access away (uninstalled, token revoked, bot deactivated). */
export const revokedAccessCodes: ReadonlySet<string> = new Set(['token_revoked', 'account_inactive', 'token_expired']);

/** Whether the error means the token no longer works in that workspace. */
export function isRevokedAccess(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== null && revokedAccessCodes.has(code);
}

/** `views.open` came too late: a trigger id is good for 3 s and one view. */
const spentTriggerCodes: ReadonlySet<string> = new Set(['expired_trigger_id', 'trigger_exchanged', 'invalid_trigger_id']);

/**
 * A form could not be opened. `expired`: Slack's 3 s for the trigger id ran
 * out (or it was used already); `failed`: Slack refused or did not answer.
 * Either way the person is told to run the command again.
 */
export class FormNotOpenedError extends Error {
  readonly code = 'FORM_NOT_OPENED';
  constructor(
    readonly reason: 'expired' | 'failed',
    options?: ErrorOptions,
  ) {
    super(reason === 'expired' ? 'the trigger id expired before the form opened' : 'Slack did not open the form', options);
  }

  static from(error: unknown): FormNotOpenedError {
    const code = slackErrorCode(error);
    return new FormNotOpenedError(code !== null && spentTriggerCodes.has(code) ? 'expired' : 'failed', { cause: error });
  }
}

/** Defined in the core, where the shared handlers raise it too. */
export { StaleInteractionError } from '../../core/errors.js';
