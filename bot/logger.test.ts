import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, describeUrl, scrubSecrets, serializeError } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes JSON lines with secrets redacted wherever they sit', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info({
      config: { discord: { token: 'discord-bot-token' }, slack: { botToken: 'xoxb-secret', signingSecret: 'sign-me' }, databaseUrl: 'postgres://u:pw@h/db', secretKey: 'k'.repeat(32) },
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } },
      password: 'hunter2',
      member: 42,
    }, 'started');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry.msg).toBe('started');
    expect(entry.member).toBe(42);
    for (const secret of ['discord-bot-token', 'xoxb-secret', 'sign-me', 'postgres://u:pw@h/db', 'k'.repeat(32), 'Bearer abc', 'sid=1', 'hunter2']) {
      expect(lines[0]).not.toContain(secret);
    }
    expect(lines[0]).toContain('[redacted]');
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['loud']);
  });

  it('describes URLs without passwords or query strings', () => {
    expect(describeUrl('postgres://bot:s3cret@db.internal:5432/mentor?sslmode=require')).toBe('postgres://bot@db.internal:5432/mentor');
    expect(describeUrl('redis://:onlypass@cache:6379')).toBe('redis://cache:6379');
    expect(describeUrl('not a url')).toBe('(unparseable URL)');
  });
});

describe('scrubSecrets', () => {
  it('replaces secret-named keys at any depth and leaves the rest', () => {
    expect(scrubSecrets({ a: { b: { c: { apiToken: 't', name: 'n' } } }, list: [{ password: 'p' }], when: 1 })).toEqual({
      a: { b: { c: { apiToken: '[redacted]', name: 'n' } } }, list: [{ password: '[redacted]' }], when: 1,
    });
  });
});

describe('logged errors', () => {
  /** Shaped like discord.js's DiscordAPIError: the request rides on the error. */
  class FakeApiError extends Error {
    readonly code = 10062;
    readonly status = 404;
    readonly method = 'POST';
    readonly url = 'https://discord.com/api/v10/interactions/1234567890/aW50ZXJhY3Rpb246c2VjcmV0/callback';
    readonly requestBody = { json: { data: { content: 'https://admin.example/login/one-time-link-secret' } }, files: [{ name: 'export.json', data: 'member data' }] };
    readonly rawError = { message: 'Unknown interaction', code: 10062 };
  }

  it('keeps what failed and drops the request it carried, at the top level and nested', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    const error = new FakeApiError('Unknown interaction', { cause: Object.assign(new Error('socket hang up'), { config: { headers: { Authorization: 'Bot abc' } } }) });
    logger.warn({ err: error, details: { inner: error } }, 'interaction expired');
    const line = lines[0]!;
    for (const secret of ['aW50ZXJhY3Rpb246c2VjcmV0', 'one-time-link-secret', 'member data', 'Bot abc']) expect(line).not.toContain(secret);
    const entry = JSON.parse(line) as { err: Record<string, unknown>; details: { inner: Record<string, unknown> } };
    expect(entry.err).toMatchObject({ type: 'Error', message: 'Unknown interaction', code: 10062, status: 404, method: 'POST', url: 'https://discord.com/api/v10/interactions/1234567890/[redacted]/callback' });
    expect(entry.err.cause).toMatchObject({ message: 'socket hang up' });
    expect(entry.details.inner).toMatchObject({ code: 10062 });
  });

  it('drops the secret part of Slack response URLs and webhook paths', () => {
    expect(serializeError(Object.assign(new Error('x'), { url: 'https://hooks.slack.com/actions/T1/123/Zsecret' })).url).toBe('https://hooks.slack.com/actions/[redacted]');
    expect(serializeError(Object.assign(new Error('x'), { url: '/webhooks/99/tok-en/messages/@original' })).url).toBe('/webhooks/99/[redacted]/messages/@original');
  });
});
