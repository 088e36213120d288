import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Coordination } from '../../core/ports/coordination.js';

/** One implementation under test, with a way to let time pass for its TTLs. */
export interface CoordinationSubject {
  coordination: Coordination;
  /** Let `ms` pass: a fake clock moves for the in-process implementation, Redis really waits. */
  advance(ms: number): Promise<void>;
}

// Redis measures TTLs in real time, so they stay short; "long" ones only need to outlive a test.
const SHORT_TTL_MS = 80;
const PAST_SHORT_TTL_MS = 130;
const LONG_TTL_MS = 10_000;
// Long enough that a burst of local round trips always lands in one window.
const WINDOW_MS = 250;
const PAST_WINDOW_MS = 300;

/** Per test, so parallel runs against one Redis never share a key. */
function uniqueKey(label: string): string {
  return `${label}:${randomUUID()}`;
}

/**
 * The behaviour every {@link Coordination} implementation promises. Register it
 * once per implementation; `make` is called once for the suite, plus once by the
 * test that checks close().
 */
export function describeCoordinationContract(name: string, make: () => Promise<CoordinationSubject>): void {
  describe(name, () => {
    // Created by the first test that needs it rather than in beforeAll: when creation fails
    // (REDIS_URL points at a Redis that is down) every test then fails with the cause,
    // where a failing beforeAll would only mark them skipped.
    let subject: Promise<CoordinationSubject> | undefined;
    const current = (): Promise<CoordinationSubject> => (subject ??= make());

    afterAll(async () => {
      const created = await subject?.catch(() => undefined);
      await created?.coordination.close();
    });

    describe('locks', () => {
      it('lets one holder at a time take a key', async () => {
        const { locks } = (await current()).coordination;
        const key = uniqueKey('lock');

        const lease = await locks.acquire(key, LONG_TTL_MS);

        expect(lease).not.toBeNull();
        expect(lease?.key).toBe(key);
        expect(await locks.acquire(key, LONG_TTL_MS)).toBeNull();
        expect(await locks.acquire(uniqueKey('other-lock'), LONG_TTL_MS)).not.toBeNull();
      });

      it('grants exactly one of many concurrent acquisitions', async () => {
        const { locks } = (await current()).coordination;
        const key = uniqueKey('lock');

        const leases = await Promise.all(Array.from({ length: 10 }, () => locks.acquire(key, LONG_TTL_MS)));

        expect(leases.filter((lease) => lease !== null)).toHaveLength(1);
      });

      it('gives each acquisition its own token', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('lock');

        const first = await coordination.locks.acquire(key, SHORT_TTL_MS);
        await advance(PAST_SHORT_TTL_MS);
        const second = await coordination.locks.acquire(key, LONG_TTL_MS);

        expect(first?.token).toBeTruthy();
        expect(second?.token).toBeTruthy();
        expect(second?.token).not.toBe(first?.token);
      });

      it('lets another holder take the key once the TTL ran out', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('lock');
        await coordination.locks.acquire(key, SHORT_TTL_MS);

        await advance(PAST_SHORT_TTL_MS);

        expect(await coordination.locks.acquire(key, LONG_TTL_MS)).not.toBeNull();
      });

      it('frees the key on release, and a second release reports false', async () => {
        const { locks } = (await current()).coordination;
        const key = uniqueKey('lock');
        const lease = await locks.acquire(key, LONG_TTL_MS);

        expect(await lease?.release()).toBe(true);
        expect(await lease?.release()).toBe(false);
        expect(await locks.acquire(key, LONG_TTL_MS)).not.toBeNull();
      });

      it('does not let a stale lease release or extend the next holder’s lock', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('lock');
        const stale = await coordination.locks.acquire(key, SHORT_TTL_MS);
        await advance(PAST_SHORT_TTL_MS);
        const newHolder = await coordination.locks.acquire(key, LONG_TTL_MS);
        expect(newHolder).not.toBeNull();

        expect(await stale?.release()).toBe(false);
        expect(await stale?.extend(LONG_TTL_MS)).toBe(false);

        expect(await coordination.locks.acquire(key, LONG_TTL_MS)).toBeNull();
        expect(await newHolder?.release()).toBe(true);
      });

      it('reports false when releasing or extending a lease that expired with no new holder', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('lock');
        const lease = await coordination.locks.acquire(key, SHORT_TTL_MS);
        await advance(PAST_SHORT_TTL_MS);

        expect(await lease?.extend(LONG_TTL_MS)).toBe(false);
        expect(await lease?.release()).toBe(false);
        expect(await coordination.locks.acquire(key, LONG_TTL_MS)).not.toBeNull();
      });

      it('keeps the lock past its first TTL when the holder extends it', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('lock');
        const lease = await coordination.locks.acquire(key, SHORT_TTL_MS);

        expect(await lease?.extend(LONG_TTL_MS)).toBe(true);
        await advance(PAST_SHORT_TTL_MS);

        expect(await coordination.locks.acquire(key, LONG_TTL_MS)).toBeNull();
        expect(await lease?.release()).toBe(true);
      });

      it('lets an extension shorten the lock too: the new TTL counts from now', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('lock');
        const lease = await coordination.locks.acquire(key, LONG_TTL_MS);

        expect(await lease?.extend(SHORT_TTL_MS)).toBe(true);
        await advance(PAST_SHORT_TTL_MS);

        expect(await coordination.locks.acquire(key, LONG_TTL_MS)).not.toBeNull();
      });
    });

    describe('rate limits', () => {
      it('allows `limit` hits, then refuses with a retry delay within the window', async () => {
        const { rateLimits } = (await current()).coordination;
        const key = uniqueKey('member');

        const hits = [];
        for (let i = 0; i < 4; i += 1) hits.push(await rateLimits.hit(key, 3, WINDOW_MS));

        expect(hits.map((hit) => hit.allowed)).toEqual([true, true, true, false]);
        expect(hits.map((hit) => hit.remaining)).toEqual([2, 1, 0, 0]);
        expect(hits[0]?.retryAfterMs).toBe(0);
        expect(hits[1]?.retryAfterMs).toBe(0);
        // The third hit used the last slot, so the next one must wait too.
        for (const hit of hits.slice(2)) {
          expect(hit.retryAfterMs).toBeGreaterThan(0);
          expect(hit.retryAfterMs).toBeLessThanOrEqual(WINDOW_MS);
        }
      });

      it('allows hits again once the window has passed', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('member');
        await coordination.rateLimits.hit(key, 1, WINDOW_MS);
        const refused = await coordination.rateLimits.hit(key, 1, WINDOW_MS);
        expect(refused.allowed).toBe(false);

        await advance(PAST_WINDOW_MS);

        expect(await coordination.rateLimits.hit(key, 1, WINDOW_MS)).toEqual({
          allowed: true,
          remaining: 0,
          retryAfterMs: expect.any(Number),
        });
      });

      it('does not lengthen the window with refused hits', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('member');
        await coordination.rateLimits.hit(key, 1, WINDOW_MS);
        await advance(WINDOW_MS / 2);
        await coordination.rateLimits.hit(key, 1, WINDOW_MS);

        await advance(WINDOW_MS / 2 + 50);

        expect((await coordination.rateLimits.hit(key, 1, WINDOW_MS)).allowed).toBe(true);
      });

      it('counts each key on its own', async () => {
        const { rateLimits } = (await current()).coordination;
        const first = uniqueKey('member');
        const second = uniqueKey('member');

        await rateLimits.hit(first, 1, LONG_TTL_MS);

        expect((await rateLimits.hit(first, 1, LONG_TTL_MS)).allowed).toBe(false);
        expect(await rateLimits.hit(second, 1, LONG_TTL_MS)).toMatchObject({ allowed: true, remaining: 0 });
      });

      it('allows exactly `limit` of many concurrent hits', async () => {
        const { rateLimits } = (await current()).coordination;
        const key = uniqueKey('member');

        const hits = await Promise.all(Array.from({ length: 10 }, () => rateLimits.hit(key, 3, LONG_TTL_MS)));

        expect(hits.filter((hit) => hit.allowed)).toHaveLength(3);
      });
    });

    describe('dedupe', () => {
      it('reports a key as first seen once, then as a repeat until the TTL ran out', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('event');

        expect(await coordination.dedupe.firstSeen(key, SHORT_TTL_MS)).toBe(true);
        expect(await coordination.dedupe.firstSeen(key, SHORT_TTL_MS)).toBe(false);
        expect(await coordination.dedupe.firstSeen(uniqueKey('event'), SHORT_TTL_MS)).toBe(true);

        await advance(PAST_SHORT_TTL_MS);

        expect(await coordination.dedupe.firstSeen(key, SHORT_TTL_MS)).toBe(true);
      });

      it('answers true to exactly one of many concurrent deliveries', async () => {
        const { dedupe } = (await current()).coordination;
        const key = uniqueKey('event');

        const answers = await Promise.all(Array.from({ length: 10 }, () => dedupe.firstSeen(key, LONG_TTL_MS)));

        expect(answers.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('short-lived values', () => {
      it('stores, replaces and deletes a value', async () => {
        const { values } = (await current()).coordination;
        const key = uniqueKey('session');

        expect(await values.get(key)).toBeNull();
        await values.set(key, 'first', LONG_TTL_MS);
        expect(await values.get(key)).toBe('first');
        await values.set(key, 'second', LONG_TTL_MS);
        expect(await values.get(key)).toBe('second');
        await values.delete(key);
        expect(await values.get(key)).toBeNull();
        await expect(values.delete(key)).resolves.toBeUndefined();
      });

      it('keeps the text exactly, unicode and empty string included', async () => {
        const { values } = (await current()).coordination;
        const key = uniqueKey('session');

        for (const text of ['', '{"memberId":"m-1","role":"admin"}', 'café ✓ 🎉']) {
          await values.set(key, text, LONG_TTL_MS);
          expect(await values.get(key)).toBe(text);
        }
      });

      it('forgets a value once its TTL ran out', async () => {
        const { coordination, advance } = await current();
        const key = uniqueKey('session');
        await coordination.values.set(key, 'token', SHORT_TTL_MS);

        await advance(PAST_SHORT_TTL_MS);

        expect(await coordination.values.get(key)).toBeNull();
        expect(await coordination.values.take(key)).toBeNull();
      });

      it('hands a value to take() once', async () => {
        const { values } = (await current()).coordination;
        const key = uniqueKey('login-token');
        await values.set(key, 'member-42', LONG_TTL_MS);

        expect(await values.take(key)).toBe('member-42');
        expect(await values.take(key)).toBeNull();
        expect(await values.get(key)).toBeNull();
      });

      it('hands a value to exactly one of many concurrent takers', async () => {
        const { values } = (await current()).coordination;
        const key = uniqueKey('login-token');
        await values.set(key, 'member-42', LONG_TTL_MS);

        const taken = await Promise.all(Array.from({ length: 10 }, () => values.take(key)));

        expect(taken.filter((value) => value !== null)).toEqual(['member-42']);
      });
    });

    it('keeps locks, rate limits, dedupe marks and values apart under the same key', async () => {
      const { coordination } = await current();
      const key = uniqueKey('shared');

      await coordination.values.set(key, 'value', LONG_TTL_MS);
      expect(await coordination.locks.acquire(key, LONG_TTL_MS)).not.toBeNull();
      expect(await coordination.dedupe.firstSeen(key, LONG_TTL_MS)).toBe(true);
      expect((await coordination.rateLimits.hit(key, 5, LONG_TTL_MS)).remaining).toBe(4);
      expect(await coordination.values.get(key)).toBe('value');
    });

    it('rejects durations and limits that are not positive whole numbers', async () => {
      const { coordination } = await current();
      const key = uniqueKey('invalid');

      for (const bad of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(coordination.locks.acquire(key, bad)).rejects.toThrow(RangeError);
        await expect(coordination.dedupe.firstSeen(key, bad)).rejects.toThrow(RangeError);
        await expect(coordination.values.set(key, 'x', bad)).rejects.toThrow(RangeError);
        await expect(coordination.rateLimits.hit(key, 3, bad)).rejects.toThrow(RangeError);
        await expect(coordination.rateLimits.hit(key, bad, LONG_TTL_MS)).rejects.toThrow(RangeError);
      }
      const lease = await coordination.locks.acquire(key, LONG_TTL_MS);
      await expect(lease?.extend(0)).rejects.toThrow(RangeError);
      expect(await coordination.values.get(key)).toBeNull();
    });

    it('answers ping while open, and rejects every call once closed', async () => {
      await expect((await current()).coordination.ping()).resolves.toBeUndefined();

      const { coordination } = await make();
      await expect(coordination.ping()).resolves.toBeUndefined();
      await coordination.close();
      await coordination.close();

      await expect(coordination.ping()).rejects.toThrow();
      await expect(coordination.values.get(uniqueKey('closed'))).rejects.toThrow();
      await expect(coordination.locks.acquire(uniqueKey('closed'), LONG_TTL_MS)).rejects.toThrow();
    });
  });
}
