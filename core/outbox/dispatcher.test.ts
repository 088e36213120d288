import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, OutboxItem, PlatformDelivery } from '../ports/delivery.js';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { createFakePlatform } from '../../test/fake-platform.js';
import { makeCommunity } from '../../test/builders.js';
import { queueMessages } from '../../test/outbox-fixtures.js';
import { createOutboxDispatcher, type DispatcherOptions, type OutboxDispatcher } from './dispatcher.js';

const start = new Date('2026-03-01T12:00:00Z');
const hour = 3_600_000;

describe('outbox dispatcher', () => {
  const database = useTestDatabase();

  // Each test starts with an empty queue: a discord dispatcher would otherwise take an earlier test's leftovers.
  beforeEach(async () => {
    await database.db.deleteFrom('outbox').execute();
  });

  function dispatcher(options: Partial<DispatcherOptions> & Pick<DispatcherOptions, 'clock' | 'deliveries'>): OutboxDispatcher {
    return createOutboxDispatcher({
      db: database.db,
      workerId: 'test-worker',
      random: () => 0.5,
      rateLimits: { discord: null, slack: null },
      ...options,
    });
  }

  async function rowsOf(communityId: number) {
    return database.db
      .selectFrom('outbox')
      .select(['id', 'dedupe_key', 'status', 'attempts', 'due_at', 'locked_by', 'last_error', 'sent_at'])
      .where('community_id', '=', communityId)
      .orderBy('id')
      .execute();
  }

  /** Runs batches until one claims nothing. */
  async function drain(worker: OutboxDispatcher): Promise<number> {
    let sent = 0;
    for (;;) {
      const report = await worker.runOnce();
      sent += report.sent;
      if (report.claimed === 0) return sent;
    }
  }

  function expectEachOnce(delivered: readonly string[], keys: readonly string[]): void {
    expect([...delivered].sort()).toEqual([...keys].sort());
  }

  it('delivers every message exactly once through an outage and its recovery', async () => {
    const community = await makeCommunity(database.db);
    const keys = await queueMessages(database.db, community.id, 30, { dueAt: start, prefix: 'outage' });
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    platform.failNext(45);
    const worker = dispatcher({ clock, deliveries: [platform], batchSize: 7 });

    for (let round = 0; round < 10; round++) {
      await drain(worker);
      clock.advance(hour);
    }

    expectEachOnce(platform.delivered, keys);
    const rows = await rowsOf(community.id);
    expect(rows.every((row) => row.status === 'SENT' && row.locked_by === null && row.sent_at !== null)).toBe(true);
    // 45 failures over 30 rows: every row failed once, half of them twice.
    expect(rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(45);
  });

  it('backs off exponentially after each failure', async () => {
    const community = await makeCommunity(database.db);
    await queueMessages(database.db, community.id, 1, { dueAt: start, prefix: 'backoff' });
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    platform.failNext(3, 'gateway timeout');
    const worker = dispatcher({ clock, deliveries: [platform], random: () => 0 });

    const dueTimes: number[] = [];
    for (let failure = 0; failure < 3; failure++) {
      expect((await worker.runOnce()).retried).toBe(1);
      const [row] = await rowsOf(community.id);
      dueTimes.push(row!.due_at.getTime() - clock.now().getTime());
      expect(row!.last_error).toBe('gateway timeout');
      // Not due a moment before its backoff ends.
      clock.advance(dueTimes.at(-1)! - 1);
      expect((await worker.runOnce()).claimed).toBe(0);
      clock.advance(1);
    }
    expect(dueTimes).toEqual([2_500, 5_000, 10_000]);
    expect((await worker.runOnce()).sent).toBe(1);
  });

  it('loses nothing when a dispatcher dies mid-batch: the rows come back when the lease runs out', async () => {
    const community = await makeCommunity(database.db);
    const keys = await queueMessages(database.db, community.id, 20, { dueAt: start, prefix: 'killed' });
    const clock = createFakeClock(start);
    const stuck = createFakePlatform();
    stuck.hangWhen(() => true);
    const dying = dispatcher({ clock, deliveries: [stuck], workerId: 'dying', leaseMs: 60_000 });
    // Never settles: the process "dies" with its deliveries in flight and its claim unrecorded.
    void dying.runOnce();
    await expect.poll(async () => (await rowsOf(community.id)).filter((row) => row.locked_by !== null).length).toBe(20);

    const platform = createFakePlatform();
    const survivor = dispatcher({ clock, deliveries: [platform], workerId: 'survivor' });
    expect((await survivor.runOnce()).claimed).toBe(0);
    clock.advance(60_000);
    await drain(survivor);

    expectEachOnce(platform.delivered, keys);
    expect(stuck.delivered).toEqual([]);
    expect((await rowsOf(community.id)).every((row) => row.status === 'SENT' && row.attempts === 0)).toBe(true);
  });

  it('ignores the late answer of a worker whose lease ran out', async () => {
    const community = await makeCommunity(database.db);
    await queueMessages(database.db, community.id, 1, { dueAt: start, prefix: 'late' });
    const clock = createFakeClock(start);
    let answer: (result: DeliveryResult) => void = () => undefined;
    const slow: PlatformDelivery = { platform: 'discord', deliver: () => new Promise((resolve) => (answer = resolve)) };
    const first = dispatcher({ clock, deliveries: [slow], workerId: 'slow', leaseMs: 60_000 });
    const slowRun = first.runOnce();
    await expect.poll(async () => (await rowsOf(community.id))[0]?.locked_by).toMatch(/^slow#/);

    clock.advance(60_000);
    const platform = createFakePlatform();
    expect((await dispatcher({ clock, deliveries: [platform], workerId: 'fresh' }).runOnce()).sent).toBe(1);
    answer({ status: 'retry', error: 'too late' });
    expect((await slowRun).lostLease).toBe(1);
    const [row] = await rowsOf(community.id);
    expect(row).toMatchObject({ status: 'SENT', attempts: 0, last_error: null });
  });

  it('shares the work between two dispatchers without delivering anything twice', async () => {
    const community = await makeCommunity(database.db);
    const keys = await queueMessages(database.db, community.id, 300, { dueAt: start, prefix: 'shared' });
    const clock = createFakeClock(start);
    // One platform behind both, as in production: a double delivery would show as a repeated key.
    const platform = createFakePlatform();
    const one = dispatcher({ clock, deliveries: [platform], workerId: 'one', batchSize: 20, concurrency: 4 });
    const two = dispatcher({ clock, deliveries: [platform], workerId: 'two', batchSize: 20, concurrency: 4 });

    const [sentByOne, sentByTwo] = await Promise.all([drain(one), drain(two)]);

    expectEachOnce(platform.delivered, keys);
    expect(sentByOne + sentByTwo).toBe(300);
    expect(sentByOne).toBeGreaterThan(0);
    expect(sentByTwo).toBeGreaterThan(0);
  });

  it('dead-letters after the last attempt, and at once on a permanent failure', async () => {
    const community = await makeCommunity(database.db);
    const [flaky, unknown] = await queueMessages(database.db, community.id, 2, { dueAt: start, prefix: 'dead' });
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    platform.rejectKey(unknown!, 'Unknown User');
    const worker = dispatcher({ clock, deliveries: [platform], retryPolicy: { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3 } });
    platform.failNext(1_000, 'service unavailable');

    const first = await worker.runOnce();
    // The permanent failure is dead after one attempt; the outage only counts one.
    expect(first).toMatchObject({ claimed: 2, retried: 1, dead: 1 });
    expect((await rowsOf(community.id)).find((row) => row.dedupe_key === unknown)).toMatchObject({ status: 'DEAD', attempts: 1, last_error: 'Unknown User' });
    for (let round = 0; round < 5; round++) {
      clock.advance(hour);
      await worker.runOnce();
    }
    expect((await rowsOf(community.id)).find((row) => row.dedupe_key === flaky)).toMatchObject({ status: 'DEAD', attempts: 3, last_error: 'service unavailable' });
    expect(platform.delivered).toEqual([]);
  });

  it('defers a row to the end of quiet hours without counting an attempt', async () => {
    const community = await makeCommunity(database.db);
    await queueMessages(database.db, community.id, 2, { dueAt: start, prefix: 'night' });
    await queueMessages(database.db, community.id, 1, { dueAt: start, prefix: 'urgent' });
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    const morning = new Date(start.getTime() + 8 * hour);
    const seen: OutboxItem[] = [];
    const worker = dispatcher({
      clock,
      deliveries: [platform],
      deferUntil: async (item, now) => {
        seen.push(item);
        return item.dedupeKey.startsWith('night') && now < morning ? morning : null;
      },
    });

    expect(await worker.runOnce()).toMatchObject({ claimed: 3, deferred: 2, sent: 1 });
    expect(platform.delivered).toEqual(['urgent:0']);
    clock.advance(8 * hour - 1);
    expect((await worker.runOnce()).claimed).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    expect(platform.delivered.sort()).toEqual(['night:0', 'night:1', 'urgent:0']);
    expect((await rowsOf(community.id)).every((row) => row.attempts === 0)).toBe(true);
    expect(seen[0]).toMatchObject({ communityId: community.id, platform: 'discord', kind: 'dm', attempts: 0 });
  });

  it("honours a 429's retry-after without counting it as a failure", async () => {
    const community = await makeCommunity(database.db);
    await queueMessages(database.db, community.id, 1, { dueAt: start, prefix: 'limited' });
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    platform.answer429(30_000);
    const worker = dispatcher({ clock, deliveries: [platform] });

    expect((await worker.runOnce()).rateLimited).toBe(1);
    const [row] = await rowsOf(community.id);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 0, locked_by: null });
    expect(row!.due_at.getTime()).toBe(start.getTime() + 30_000);
    clock.advance(29_999);
    expect((await worker.runOnce()).claimed).toBe(0);
    clock.advance(1);
    expect((await worker.runOnce()).sent).toBe(1);
  });

  it("paces deliveries under the platform's rate limit: a backlog drains with no 429", async () => {
    const community = await makeCommunity(database.db);
    const keys = await queueMessages(database.db, community.id, 30, { dueAt: start, prefix: 'paced' });
    const platform = createFakePlatform({ rateLimit: { limit: 5, windowMs: 100 } });
    const worker = dispatcher({ clock: createFakeClock(start), deliveries: [platform], rateLimits: { discord: { limit: 5, windowMs: 100 } } });

    await drain(worker);

    expect(platform.tooManyRequests()).toBe(0);
    expectEachOnce(platform.delivered, keys);
  });

  it('without pacing the same backlog meets 429s, and still delivers each message once', async () => {
    const community = await makeCommunity(database.db);
    const keys = await queueMessages(database.db, community.id, 30, { dueAt: start, prefix: 'unpaced' });
    const platform = createFakePlatform({ rateLimit: { limit: 5, windowMs: 100 } });
    const clock = createFakeClock(start);
    const worker = dispatcher({ clock, deliveries: [platform] });

    await drain(worker);
    expect(platform.tooManyRequests()).toBeGreaterThan(0);
    const waiting = (await rowsOf(community.id)).filter((row) => row.status === 'PENDING');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((row) => row.attempts === 0 && row.last_error?.startsWith('rate limited'))).toBe(true);

    for (let round = 0; round < 40 && platform.delivered.length < keys.length; round++) {
      // The platform's window is real time; the rows' retry-after is on the test clock.
      await new Promise((resolve) => setTimeout(resolve, 100));
      clock.advance(1_000);
      await drain(worker);
    }
    expectEachOnce(platform.delivered, keys);
  });

  it('leaves rows of a platform with no delivery wired untouched', async () => {
    const slack = await makeCommunity(database.db, { platform: 'slack' });
    await queueMessages(database.db, slack.id, 3, { dueAt: start, prefix: 'slack-only' });
    const worker = dispatcher({ clock: createFakeClock(start), deliveries: [createFakePlatform({ platform: 'discord' })] });

    expect((await worker.runOnce()).claimed).toBe(0);
    const rows = await rowsOf(slack.id);
    expect(rows.every((row) => row.status === 'PENDING' && row.locked_by === null && row.attempts === 0 && row.due_at.getTime() === start.getTime())).toBe(true);
  });

  it('runs until stopped, and on stop finishes the delivery in flight and gives the rest back', async () => {
    const community = await makeCommunity(database.db);
    await queueMessages(database.db, community.id, 5, { dueAt: start, prefix: 'stop' });
    const clock = createFakeClock(start);
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const delivered: string[] = [];
    const gated: PlatformDelivery = {
      platform: 'discord',
      async deliver(item) {
        entered();
        await gate;
        delivered.push(item.dedupeKey);
        return { status: 'sent' };
      },
    };
    const worker = dispatcher({ clock, deliveries: [gated], concurrency: 1, idleMs: 5 });
    worker.start();
    await inside;
    const stopped = worker.stop();
    finish();
    await stopped;

    expect(delivered).toEqual(['stop:0']);
    const rows = await rowsOf(community.id);
    expect(rows.filter((row) => row.status === 'SENT')).toHaveLength(1);
    expect(rows.filter((row) => row.status === 'PENDING').every((row) => row.locked_by === null && row.due_at <= clock.now())).toBe(true);
  });

  /** A pair's space as the core leaves it when a relation ends: the closing post, then the archive, due together. */
  async function queueSpaceClosing(communityId: number, mentorshipId: number): Promise<void> {
    const row = (kind: string, what: string, payload: Record<string, unknown>) =>
      ({ community_id: communityId, kind, payload: JSON.stringify({ mentorshipId, ...payload }), dedupe_key: `mentorship:${mentorshipId}:${what}`, due_at: start });
    await database.db.insertInto('outbox').values(row('space.post', 'space.closing', { message: { kind: 'message', visibility: 'public', body: ['This mentorship has ended.'] } })).execute();
    await database.db.insertInto('outbox').values(row('space.archive', 'space.archive', {})).execute();
  }

  /** A platform where posting takes a moment and archiving is instant, recording what it accepted in order. */
  function slowPostPlatform(): PlatformDelivery & { accepted: string[]; failNextPost(): void } {
    const accepted: string[] = [];
    let failPost = false;
    return {
      platform: 'discord',
      accepted,
      failNextPost: () => void (failPost = true),
      async deliver(item): Promise<DeliveryResult> {
        if (item.kind === 'space.post') {
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (failPost) {
            failPost = false;
            return { status: 'retry', error: 'gateway timeout' };
          }
        }
        accepted.push(item.dedupeKey);
        return { status: 'sent' };
      },
    };
  }

  it("delivers one space's rows in the order they were queued: the closing post lands before the archive that locks the space", async () => {
    const community = await makeCommunity(database.db);
    await queueMessages(database.db, community.id, 3, { dueAt: start, prefix: 'other' });
    await queueSpaceClosing(community.id, 7);
    const platform = slowPostPlatform();
    const worker = dispatcher({ clock: createFakeClock(start), deliveries: [platform] });

    expect(await worker.runOnce()).toMatchObject({ claimed: 5, sent: 5 });
    const space = platform.accepted.filter((key) => key.startsWith('mentorship:'));
    expect(space).toEqual(['mentorship:7:space.closing', 'mentorship:7:space.archive']);
    // Rows of other lanes still go out side by side, not behind the slow post.
    expect(platform.accepted.indexOf('other:0')).toBeLessThan(platform.accepted.indexOf('mentorship:7:space.closing'));
  });

  it('holds the rest of a space back while its earlier row waits for a retry, then delivers them in order', async () => {
    const community = await makeCommunity(database.db);
    await queueSpaceClosing(community.id, 8);
    const clock = createFakeClock(start);
    const platform = slowPostPlatform();
    platform.failNextPost();
    const worker = dispatcher({ clock, deliveries: [platform], random: () => 0 });

    expect(await worker.runOnce()).toMatchObject({ claimed: 2, retried: 1, deferred: 1, sent: 0 });
    expect(platform.accepted).toEqual([]);
    const [post, archive] = await rowsOf(community.id);
    expect(archive).toMatchObject({ status: 'PENDING', attempts: 0, locked_by: null });
    expect(archive!.due_at.getTime()).toBeGreaterThan(post!.due_at.getTime());

    clock.set(archive!.due_at);
    await drain(worker);
    expect(platform.accepted).toEqual(['mentorship:8:space.closing', 'mentorship:8:space.archive']);
  });

  it('keeps polling while started, and picks up rows that become due', async () => {
    const community = await makeCommunity(database.db);
    const clock = createFakeClock(start);
    const platform = createFakePlatform();
    const worker = dispatcher({ clock, deliveries: [platform], idleMs: 5 });
    worker.start();
    await queueMessages(database.db, community.id, 3, { dueAt: start, prefix: 'polled' });
    await expect.poll(() => platform.delivered.length).toBe(3);
    await worker.stop();
    // Stopped: nothing new is claimed.
    await queueMessages(database.db, community.id, 1, { dueAt: start, prefix: 'after-stop' });
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(await sql<{ n: number }>`select count(*)::int as n from outbox where dedupe_key = 'after-stop:0' and status = 'PENDING'`.execute(database.db).then((result) => result.rows[0]?.n)).toBe(1);
  });
});
