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

/** A copy of `value` with every secret-named key's value replaced; bounded in depth. */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error || value instanceof Date) return value;
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
