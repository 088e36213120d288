import { z } from 'zod';

/**
 * The bot's settings, parsed once from the environment. Nothing else in the
 * project reads `process.env`: everything receives this object.
 */
export type Config = z.infer<typeof configSchema>;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const optionalUrl = (protocols: string[], hint: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, hint)
      .optional(),
  );

const port = z.preprocess(
  (value) => (value === undefined || value === '' ? 3000 : Number(value)),
  z.number({ error: 'must be a whole number between 0 and 65535' }).int('must be a whole number between 0 and 65535').min(0).max(65535, 'must be a whole number between 0 and 65535'),
);

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development')),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'must be a postgres:// or postgresql:// URL'),
    REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL'),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PORT: port,
    PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://localhost:3000')),
    SECRET_KEY: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters (generate one with: openssl rand -hex 32)').optional()),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info')),
    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d{17,20}$/, 'must be the numeric application id from the Discord developer portal').optional()),
    DISCORD_API_URL: optionalUrl(['http:', 'https:'], 'must be an http(s) URL such as http://127.0.0.1:PORT/api'),
    SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_STATE_SECRET: optionalString,
    SLACK_API_URL: optionalUrl(['http:', 'https:'], 'must be an http(s) URL such as http://127.0.0.1:PORT/api/'),
    SHUTDOWN_TIMEOUT_MS: z.preprocess(
      (value) => (value === undefined || value === '' ? 10_000 : Number(value)),
      z.number({ error: 'must be a number of milliseconds' }).int().min(100, 'must be at least 100').max(60_000, 'must be at most 60000'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SECRET_KEY'], message: 'is required when NODE_ENV=production (generate one with: openssl rand -hex 32)' });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN (Socket Mode) is set' });
    }
    if (env.SLACK_CLIENT_ID && (!env.SLACK_CLIENT_SECRET || !env.SLACK_SIGNING_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_CLIENT_SECRET'], message: 'and SLACK_SIGNING_SECRET are required with SLACK_CLIENT_ID (multi-workspace install)' });
    }
  })
  .transform((env) => ({
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dataDir: env.DATA_DIR,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    secretKey: env.SECRET_KEY,
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    discord: {
      token: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      apiUrl: env.DISCORD_API_URL,
    },
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
      apiUrl: env.SLACK_API_URL,
    },
  }));

/** Raised when the environment holds invalid settings; its message names each variable, never a value. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (by default the process's) into a {@link Config}, or throws a {@link ConfigError}. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(environment);
  if (parsed.success) return parsed.data;
  // Only the variable names and our own messages reach the output: zod's default
  // messages could quote the received value, and values may be secrets.
  const problems = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'custom' || issue.message.startsWith('must') || issue.message.startsWith('is ') || issue.message.startsWith('and ')
      ? issue.message
      : 'is not valid';
    return `${variable} ${message}`;
  });
  throw new ConfigError([...new Set(problems)]);
}
