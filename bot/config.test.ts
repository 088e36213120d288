import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs with no settings at all on the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development', databaseUrl: undefined, redisUrl: undefined, dataDir: './data', port: 3000,
      publicUrl: 'http://localhost:3000', logLevel: 'info', shutdownTimeoutMs: 10_000,
    });
  });

  it('reads every documented setting', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://bot:pw@db:5432/mentor', REDIS_URL: 'redis://cache:6379', DATA_DIR: '/var/lib/mentor', PORT: '8080',
      PUBLIC_URL: 'https://mentor.example.org/', SECRET_KEY: 'k'.repeat(32), LOG_LEVEL: 'debug',
      DISCORD_TOKEN: 'discord-token', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: 'http://127.0.0.1:9000/api',
      SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sign', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9001/api/',
    });
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://mentor.example.org');
    expect(config.discord).toEqual({ token: 'discord-token', applicationId: '123456789012345678', apiUrl: 'http://127.0.0.1:9000/api' });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9001/api/');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '', DISCORD_TOKEN: '  ' }).databaseUrl).toBeUndefined();
  });

  it('names every bad variable and never prints a value', () => {
    const secrets = ['hunter2', 'xoxp-very-secret', 'short-key'];
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://root:hunter2@db/x', PORT: '99999', LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: 'xoxp-very-secret',
        SECRET_KEY: 'short-key', PUBLIC_URL: 'not a url', DISCORD_APPLICATION_ID: 'abc',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const variable of ['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN', 'SECRET_KEY', 'PUBLIC_URL', 'DISCORD_APPLICATION_ID']) {
      expect(message).toContain(variable);
    }
    for (const secret of secrets) expect(message).not.toContain(secret);
  });

  it('requires a secret key in production and a signing secret for Slack over HTTP', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY is required when NODE_ENV=production/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).not.toThrow();
  });
});
