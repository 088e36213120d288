import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that may hold a secret anywhere a log call passes an object. pino
 * replaces them before the line is written, so a careless `log.info({ config })`
 * still prints no token.
 */
const redactedPaths = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'password', '*.password', 'secret', '*.secret', 'secretKey', '*.secretKey',
  'signingSecret', '*.signingSecret', 'clientSecret', '*.clientSecret', 'stateSecret', '*.stateSecret',
  'databaseUrl', '*.databaseUrl', 'redisUrl', '*.redisUrl', 'connectionString', '*.connectionString',
  'authorization', '*.authorization', 'cookie', '*.cookie',
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-slack-signature"]', 'res.headers["set-cookie"]',
];

export interface LoggerOptions {
  level: string;
  /** Human-readable lines instead of JSON; the default when stdout is a terminal. */
  pretty?: boolean;
}

/** The process logger: pino JSON, readable in a terminal, secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  return pino({
    level: options.level,
    base: { service: 'mentorship-bot' },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } } : {}),
  });
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
