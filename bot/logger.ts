import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys whose values are secrets wherever they sit in a logged object. pino's
 * own redaction matches fixed paths (`*.token` is one level deep), so a
 * careless `log.info({ config })` would leak `config.discord.token`; this scrub
 * walks the whole object instead.
 */
const secretKey = /token|secret|password|passwd|authorization|cookie|databaseurl|redisurl|connectionstring|signature/i;
const censor = '[redacted]';

/** Error fields that say what failed without carrying what was sent: platform clients put request bodies, headers and tokened URLs on their errors. */
const safeErrorFields = ['code', 'status', 'httpStatus', 'statusCode', 'method', 'reason', 'retryAfter', 'errno', 'syscall'] as const;

/**
 * Tokens that travel in URL paths: Discord's interaction and webhook tokens
 * (`/interactions/<id>/<token>/callback`, `/webhooks/<app>/<token>`) and
 * Slack's response URLs (`/actions/<team>/<id>/<secret>`, `/commands/…`).
 */
function pathWithoutTokens(url: string): string {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    const path = parsed.pathname
      .replace(/(\/interactions\/\d+\/)[^/]+/, `$1${censor}`)
      .replace(/(\/webhooks\/\d+\/)[^/]+/, `$1${censor}`)
      .replace(/^\/(actions|commands|services)\/.*$/, `/$1/${censor}`);
    return parsed.host === 'relative.invalid' ? path : `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * An error as a log line may show it: type, message, stack, a few status
 * fields, the URL with tokens removed, and its cause. Everything else an
 * error carries is dropped, because discord.js and the Slack SDK attach the
 * request (the reply being sent, a login link, a data export, files,
 * headers) to the errors they throw.
 */
export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const fields = error as unknown as Record<string, unknown>;
  const result: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const key of safeErrorFields) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') result[key] = value;
  }
  if (typeof fields.url === 'string') result.url = pathWithoutTokens(fields.url);
  if (error.cause instanceof Error && depth < 3) result.cause = serializeError(error.cause, depth + 1);
  return result;
}

/** A copy of `value` with every secret-named key's value replaced and errors reduced to {@link serializeError}; bounded in depth. */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = secretKey.test(key) && item !== undefined && item !== null ? censor : scrubSecrets(item, depth + 1);
  }
  return result;
}

export interface LoggerOptions {
  level: string;
  /** Human-readable lines instead of JSON; the default when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go instead of stdout (tests). */
  destination?: DestinationStream;
}

/** The process logger: pino JSON, readable in a terminal, secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = !options.destination && (options.pretty ?? process.stdout.isTTY === true);
  const settings = {
    level: options.level,
    base: { service: 'mentorship-bot' },
    formatters: { log: (object: Record<string, unknown>) => scrubSecrets(object) as Record<string, unknown> },
    // Errors are already reduced by the scrub above; pino's own serializer would copy every field back.
    serializers: { err: (value: unknown) => (value instanceof Error ? serializeError(value) : value) },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } } : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A URL fit for a log line: the password and query string are dropped. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
