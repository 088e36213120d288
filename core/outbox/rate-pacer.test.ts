import { describe, expect, it } from 'vitest';
import { RatePacer, type PacerTime } from './rate-pacer.js';

/** Virtual time: sleeping moves it forward, so the test runs instantly. */
function virtualTime(): PacerTime & { elapsed(): number } {
  let now = 0;
  return {
    now: () => now,
    elapsed: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

function maxInAnyWindow(starts: readonly number[], windowMs: number): number {
  let most = 0;
  for (let first = 0; first < starts.length; first++) {
    let count = 0;
    for (let other = first; other < starts.length && starts[other]! < starts[first]! + windowMs; other++) count++;
    most = Math.max(most, count);
  }
  return most;
}

describe('RatePacer', () => {
  it('lets a burst of `limit` through, then never more than `limit` per window', async () => {
    const time = virtualTime();
    const pacer = new RatePacer({ limit: 5, windowMs: 100 }, time, 0);
    const starts: number[] = [];
    for (let request = 0; request < 23; request++) {
      await pacer.acquire();
      starts.push(time.now());
    }
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts[5]).toBe(100);
    expect(maxInAnyWindow(starts, 100)).toBe(5);
    // 23 requests at 5 per 100 ms: the last starts in the fifth window.
    expect(starts.at(-1)).toBe(400);
  });

  it('holds every caller after a retry-after', async () => {
    const time = virtualTime();
    const pacer = new RatePacer({ limit: 50, windowMs: 1_000 }, time, 0);
    await pacer.acquire();
    pacer.holdFor(2_000);
    await pacer.acquire();
    expect(time.now()).toBe(2_000);
  });

  it('rejects a limit that cannot be paced', () => {
    expect(() => new RatePacer({ limit: 0, windowMs: 1_000 })).toThrow(RangeError);
    expect(() => new RatePacer({ limit: 5, windowMs: 0 })).toThrow(RangeError);
  });
});
