/** A request budget: at most `limit` requests start in any window of `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The platforms' published budgets for the calls the outbox makes.
 * Discord: 50 requests per second per bot, across all routes (its "global"
 * limit). Slack: chat.postMessage allows about one message per second per
 * channel with bursts and "several hundred per minute" per workspace; 5 per
 * second stays under that. A 429 with `retry-after` is honoured either way.
 */
export const platformRateLimits = {
  discord: { limit: 50, windowMs: 1_000 },
  slack: { limit: 5, windowMs: 1_000 },
} as const satisfies Record<string, RateLimit>;

/** Monotonic time for pacing: real elapsed time, unlike the domain clock that tests move around. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerTime: PacerTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Keeps requests to one platform under its rate limit so a backlog drains at
 * full speed without a single 429.
 *
 * A sliding-window log rather than a token bucket: a bucket of N tokens
 * refilled at N per second lets 2N requests through in one second (a full
 * bucket, then its refill), which a platform counting per second answers with
 * 429s. Here the k-th request never starts before the (k - limit)-th plus the
 * window, so no window of that length ever holds more than `limit` starts.
 *
 * `marginMs` widens the window a little: the platform counts arrivals, not our
 * starts, and a request that is slowed on its way would otherwise make the next
 * window's first request look early.
 *
 * Slots are reserved synchronously in call order, so concurrent callers never
 * race for the same one. A permit's `started()`, called just as the request
 * goes out, corrects its start to the real time: a busy event loop (an
 * embedded database's query, a GC pause) can hold a caller between its slot
 * and its request, and the platform counts the later time.
 *
 * The pacer is per process: replicas sharing one bot token should each get a
 * share of the limit.
 */
export class RatePacer {
  /** Recent starts in reservation order (a bounded tail); `at` is the actual start once known. */
  private readonly starts: Array<{ at: number }> = [];
  private lastReserved = -Infinity;
  private heldUntil = 0;

  constructor(
    private readonly rate: RateLimit,
    private readonly time: PacerTime = realPacerTime,
    private readonly marginMs = 25,
  ) {
    if (!Number.isInteger(rate.limit) || rate.limit < 1 || !(rate.windowMs > 0)) {
      throw new RangeError(`rate limit needs a positive whole limit and window, got ${rate.limit} per ${rate.windowMs} ms`);
    }
  }

  /** Resolves when the caller may start its request; call the permit's `started()` as it goes out. */
  async acquire(): Promise<{ started(): void }> {
    const now = this.time.now();
    const start = Math.max(now, this.lastReserved, this.windowOpensAt(), this.heldUntil);
    const entry = { at: start };
    this.starts.push(entry);
    this.lastReserved = start;
    // Only the last `limit` starts matter; trim in chunks to keep pushes cheap.
    if (this.starts.length > 4 * this.rate.limit) this.starts.splice(0, this.starts.length - 2 * this.rate.limit);
    if (start > now) await this.time.sleep(start - now);
    return {
      started: () => {
        entry.at = Math.max(entry.at, this.time.now());
      },
    };
  }

  /** The platform said "retry after": nobody new starts until then (Discord's global 429 stops every route). */
  holdFor(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.time.now() + ms);
  }

  /** When the window has room: the `limit`-th latest start plus the window, or now if fewer are recorded. */
  private windowOpensAt(): number {
    if (this.starts.length < this.rate.limit) return -Infinity;
    const latest = this.starts.map((entry) => entry.at).sort((left, right) => right - left);
    return latest[this.rate.limit - 1]! + this.rate.windowMs + this.marginMs;
  }
}
