import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles from the base, with half the delay left to jitter', () => {
    const low = () => 0;
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, defaultRetryPolicy, low))).toEqual([2_500, 5_000, 10_000, 20_000]);
    const high = () => 0.999_999;
    expect(retryDelayMs(1, defaultRetryPolicy, high)).toBe(5_000);
    expect(retryDelayMs(3, defaultRetryPolicy, high)).toBe(20_000);
  });

  it('never waits longer than the cap, however many failures', () => {
    for (const failures of [12, 50, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(retryDelayMs(failures, defaultRetryPolicy, () => 0.999_999)).toBeLessThanOrEqual(defaultRetryPolicy.maxDelayMs);
      expect(retryDelayMs(failures, defaultRetryPolicy, () => 0)).toBe(defaultRetryPolicy.maxDelayMs / 2);
    }
  });
});
