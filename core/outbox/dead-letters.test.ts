import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { createFakePlatform } from '../../test/fake-platform.js';
import { makeCommunity } from '../../test/builders.js';
import { queueMessages } from '../../test/outbox-fixtures.js';
import { listDeadLetters, retryDeadLetter } from './dead-letters.js';
import { createOutboxDispatcher } from './dispatcher.js';

const start = new Date('2026-03-01T12:00:00Z');

describe('dead letters', () => {
  const database = useTestDatabase();

  it('lists a community’s dead letters with their last error, and retries one back into the queue', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const other = await makeCommunity(db);
    const [key] = await queueMessages(db, community.id, 1, { dueAt: start, prefix: 'unreachable' });
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    const dispatcher = createOutboxDispatcher({
      db,
      clock,
      deliveries: [platform],
      workerId: 'dead-letter-test',
      rateLimits: { discord: null },
      random: () => 0,
      retryPolicy: { baseDelayMs: 1_000, maxDelayMs: 10_000, maxAttempts: 2 },
    });
    platform.failNext(2, 'Cannot send messages to this user (50007)');
    await dispatcher.runOnce();
    clock.advance(60_000);
    expect((await dispatcher.runOnce()).dead).toBe(1);

    const [letter, ...none] = await listDeadLetters(db, community.id);
    expect(none).toEqual([]);
    expect(letter).toMatchObject({ kind: 'dm', dedupeKey: key, attempts: 2, lastError: 'Cannot send messages to this user (50007)' });
    expect(await listDeadLetters(db, other.id)).toEqual([]);

    // Another community's admin cannot retry it, nor can a row that is not dead be "retried".
    expect(await retryDeadLetter(db, other.id, letter!.id, clock.now())).toMatchObject({ ok: false, problem: { code: 'not-found' } });
    expect(await retryDeadLetter(db, community.id, letter!.id, clock.now())).toEqual({ ok: true, value: { id: letter!.id } });
    expect(await retryDeadLetter(db, community.id, letter!.id, clock.now())).toMatchObject({ ok: false });
    expect(await listDeadLetters(db, community.id)).toEqual([]);

    expect((await dispatcher.runOnce()).sent).toBe(1);
    expect(platform.delivered).toEqual([key]);
    const row = await db.selectFrom('outbox').select(['status', 'attempts']).where('dedupe_key', '=', key!).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'SENT', attempts: 0 });
  });
});
