/** How the dispatcher spaces out and gives up on failed deliveries. */
export interface RetryPolicy {
  /** Delay after the first failure; it doubles with each further one. */
  readonly baseDelayMs: number;
  /** No retry waits longer than this, however many failures came before. */
  readonly maxDelayMs: number;
  /** The failure that reaches this count moves the row to the dead letters. */
  readonly maxAttempts: number;
}

/**
 * 5 s, 10 s, 20 s ... capped at an hour; eight attempts span about 10 minutes
 * of backoff, long enough to ride out a short platform outage, short enough
 * that an admin sees a stuck message the same day.
 */
export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 5_000, maxDelayMs: 60 * 60_000, maxAttempts: 8 };

/**
 * The wait before the next attempt after `failures` failed ones (1 after the
 * first failure). "Equal jitter": half the exponential delay is fixed and half
 * random, so replicas that failed together do not retry together, yet no retry
 * comes back almost at once.
 *
 * @param random a source in [0, 1), injected so tests are deterministic.
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, failures - 1);
  // Capping the exponent first keeps 2 ** exponent finite for absurd counts.
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 40));
  const half = exponential / 2;
  return Math.round(half + half * random());
}
