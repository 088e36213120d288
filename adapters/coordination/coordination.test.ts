import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../core/ports/clock.js';
import { describeCoordinationContract, type CoordinationSubject } from './coordination.contract.js';
import { createMemoryCoordination, ExpiringMap } from './memory-coordination.js';
import { createRedisCoordination, CoordinationUnavailableError } from './redis-coordination.js';

// Tests read the environment directly: they choose the service, the app's config is not involved.
const redisUrl = process.env.REDIS_URL || undefined;
// Per run, so concurrent runs against one Redis never touch each other's keys.
const keyPrefix = `mentor-test-${process.pid}-${randomUUID().slice(0, 8)}:`;

async function makeInProcess(): Promise<CoordinationSubject> {
  let nowMs = Date.parse('2025-03-01T09:00:00Z');
  const clock: Clock = { now: () => new Date(nowMs) };
  return {
    coordination: createMemoryCoordination({ clock }),
    advance: async (ms) => {
      nowMs += ms;
    },
  };
}

let redisWasReached = false;

async function makeRedis(url: string): Promise<CoordinationSubject> {
  const coordination = await createRedisCoordination(url, { keyPrefix });
  redisWasReached = true;
  return {
    coordination,
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

describeCoordinationContract('contract: in-process', makeInProcess);

// The same suite again on the service this run was given; with REDIS_URL set and
// Redis down, creating it fails and so does every test in the block.
if (redisUrl === undefined) {
  describeCoordinationContract('contract: in-process (REDIS_URL unset)', makeInProcess);
} else {
  describeCoordinationContract('contract: redis', () => makeRedis(redisUrl));

  // Delete what this run wrote. When Redis was never reached there is nothing to delete,
  // and the contract tests already failed with the reason.
  afterAll(async () => {
    if (!redisWasReached) return;
    const cleaner = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    cleaner.on('error', () => undefined);
    try {
      await cleaner.connect();
      for await (const keys of cleaner.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
        if ((keys as string[]).length > 0) await cleaner.del(...(keys as string[]));
      }
    } finally {
      cleaner.disconnect();
    }
  });
}

describe('createRedisCoordination', () => {
  it('rejects within a few seconds, after retrying, when Redis does not answer, and never reveals the password', async () => {
    const warnings: Array<{ obj: object; msg: string }> = [];
    const startedAt = Date.now();

    const failure: unknown = await createRedisCoordination('redis://user:s3cret@127.0.0.1:1', {
      logger: { warn: (obj, msg) => warnings.push({ obj, msg }) },
    }).then(
      async (coordination) => {
        await coordination.close();
        throw new Error('expected no Redis on port 1');
      },
      (error: unknown) => error,
    );

    const elapsedMs = Date.now() - startedAt;
    expect(failure).toBeInstanceOf(CoordinationUnavailableError);
    const error = failure as CoordinationUnavailableError;
    expect(error.code).toBe('COORDINATION_UNAVAILABLE');
    expect(error.message).toMatch(/ECONNREFUSED/);
    // Backoff between the three attempts: 200 ms, then 400 ms.
    expect(elapsedMs).toBeGreaterThanOrEqual(500);
    expect(elapsedMs).toBeLessThan(5_000);
    expect(warnings).toHaveLength(3);
    const everythingSaid = JSON.stringify({ message: error.message, stack: error.stack, cause: error.cause, warnings });
    expect(everythingSaid).not.toContain('s3cret');
    expect(everythingSaid).not.toContain('user:');
  });
});

describe('ExpiringMap (in-process storage)', () => {
  it('sweeps entries nobody reads again, so memory stays bounded', () => {
    const sweepIntervalMs = 1_000;
    const map = new ExpiringMap<boolean>(sweepIntervalMs);
    let nowMs = 0;

    for (let i = 0; i < 10_000; i += 1) {
      map.set(`event-${i}`, true, nowMs + 100, nowMs);
      nowMs += 1;
    }
    expect(map.size).toBeLessThanOrEqual(sweepIntervalMs + 100);

    nowMs += 10_000;
    map.set('last', true, nowMs + 100, nowMs);
    expect(map.size).toBe(1);
  });

  it('drops an expired entry when it is read', () => {
    const map = new ExpiringMap<string>();
    map.set('token', 'value', 100, 0);

    expect(map.get('token', 99)?.value).toBe('value');
    expect(map.get('token', 100)).toBeUndefined();
    expect(map.size).toBe(0);
  });
});
