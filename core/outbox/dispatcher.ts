import type { Kysely } from 'kysely';
import type { Clock } from '../ports/clock.js';
import type { OutboxItem, PlatformDelivery, DeliveryResult } from '../ports/delivery.js';
import { silentLog, type Log } from '../ports/log.js';
import type { Database, Platform } from '../store/database.js';
import { defaultRetryPolicy, type RetryPolicy } from './backoff.js';
import { anyDue, claimDue, type ClaimedItem } from './claim-due.js';
import { completeDelivery, deferDelivery, releaseClaims, type DeliveryOutcome } from './complete-delivery.js';
import { platformRateLimits, RatePacer, realPacerTime, type PacerTime, type RateLimit } from './rate-pacer.js';

export interface DispatcherOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** One per platform whose adapter is on; rows of other platforms stay queued, untouched. */
  readonly deliveries: readonly PlatformDelivery[];
  /** Names this process in `locked_by` (e.g. host and pid), so a stuck lease can be traced. */
  readonly workerId: string;
  /** Rows claimed per statement; default 100 (two seconds of Discord's budget). */
  readonly batchSize?: number;
  /** How long a claim holds a row; must outlast delivering one batch. Default 2 minutes. */
  readonly leaseMs?: number;
  /** Sleep between polls when nothing was due; default 1 s. */
  readonly idleMs?: number;
  /** Deliveries in flight at once; default 10. */
  readonly concurrency?: number;
  readonly retryPolicy?: RetryPolicy;
  /** Jitter source in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Per platform; null turns pacing off. Defaults to {@link platformRateLimits}. */
  readonly rateLimits?: Partial<Record<Platform, RateLimit | null>>;
  readonly pacerTime?: PacerTime;
  /**
   * Quiet hours and digest preferences: a date moves the row there without an
   * attempt; null delivers now. Called with each claimed row just before delivery.
   */
  readonly deferUntil?: (item: OutboxItem, now: Date) => Promise<Date | null>;
  readonly log?: Log;
}

/** What one batch came to. */
export interface BatchReport {
  claimed: number;
  sent: number;
  retried: number;
  rateLimited: number;
  dead: number;
  deferred: number;
  /** Not recorded: the lease ran out first (another worker may hold the row now). */
  lostLease: number;
  /** Given back untouched because the dispatcher was stopping. */
  released: number;
  /** Outcome not recorded because the database failed; the row is retried after its lease. */
  errors: number;
}

export interface OutboxDispatcher {
  /** Claims one batch and delivers it. Tests call it directly; `start` calls it in a loop. */
  runOnce(): Promise<BatchReport>;
  /** Polls until stopped: batch after batch while rows are due, then every `idleMs`. */
  start(): void;
  /** Stops claiming, lets deliveries in flight finish, gives back claimed rows not started. */
  stop(): Promise<void>;
}

/**
 * Rows that must reach the platform in the order they were queued share a
 * lane: everything for one pair's space, so the closing post lands before the
 * archive that locks it (Slack refuses a post in an archived channel; Discord
 * would reopen the thread for it). Other rows have no lane and go out side by side.
 */
function laneOf(item: OutboxItem): string | null {
  const mentorshipId = item.payload.mentorshipId;
  return item.kind.startsWith('space.') && typeof mentorshipId === 'number' ? `space:${mentorshipId}` : null;
}

/** A batch (already in delivery order) as lanes, each delivered in order by one worker; a row without a lane is a lane of its own. */
function intoLanes(items: readonly ClaimedItem[]): ClaimedItem[][] {
  const lanes: ClaimedItem[][] = [];
  const byKey = new Map<string, ClaimedItem[]>();
  for (const item of items) {
    const key = laneOf(item);
    const lane = key === null ? undefined : byKey.get(key);
    if (lane) {
      lane.push(item);
      continue;
    }
    const opened = [item];
    lanes.push(opened);
    if (key !== null) byKey.set(key, opened);
  }
  return lanes;
}

/**
 * The outbox dispatcher: claims due rows under a lease (see {@link claimDue}),
 * paces each platform under its rate limit, delivers with bounded concurrency
 * (one space's rows in order, see {@link laneOf}), and records each outcome
 * with retries, backoff and dead letters (see {@link completeDelivery}).
 *
 * Never twice: a dedupe key is unique at enqueue, and a row is held by one
 * claim at a time, so two workers never deliver it together. One window
 * remains, as in any outbox: a worker that delivers and then dies (or loses
 * the database) before recording SENT leaves the row to be delivered again
 * when its lease runs out. Adapters close it where the platform allows by
 * passing the dedupe key as an idempotency key (Discord's `nonce` with
 * `enforce_nonce`). A delivery also never starts once its lease has run out.
 */
export function createOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { db, clock } = options;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 120_000;
  const idleMs = options.idleMs ?? 1_000;
  const concurrency = Math.max(1, options.concurrency ?? 10);
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;
  const log = options.log ?? silentLog;
  const deliveries = new Map(options.deliveries.map((delivery) => [delivery.platform, delivery]));
  const pacers = new Map<Platform, RatePacer>();
  for (const platform of deliveries.keys()) {
    const rate = options.rateLimits?.[platform] === undefined ? platformRateLimits[platform] : options.rateLimits[platform];
    if (rate) pacers.set(platform, new RatePacer(rate, options.pacerTime ?? realPacerTime));
  }

  let claims = 0;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const inFlight = new Set<Promise<BatchReport>>();

  async function attempt(item: ClaimedItem, delivery: PlatformDelivery): Promise<DeliveryResult> {
    try {
      return await delivery.deliver(item);
    } catch (error) {
      return { status: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function handle(item: ClaimedItem, report: BatchReport): Promise<DeliveryOutcome | 'deferred'> {
    const delivery = deliveries.get(item.platform)!;
    if (options.deferUntil) {
      const now = clock.now();
      const later = await options.deferUntil(item, now);
      if (later && later > now) {
        if (!(await deferDelivery(db, item, later))) {
          report.lostLease++;
          return 'lost-lease';
        }
        report.deferred++;
        return 'deferred';
      }
    }
    const permit = await pacers.get(item.platform)?.acquire();
    if (clock.now() >= item.leaseUntil) {
      report.lostLease++;
      return 'lost-lease';
    }
    permit?.started();
    const result = await attempt(item, delivery);
    if (result.status === 'retry' && result.retryAfterMs !== undefined) pacers.get(item.platform)?.holdFor(result.retryAfterMs);
    const outcome = await completeDelivery(db, item, result, { now: clock.now(), policy, random });
    if (outcome === 'sent') report.sent++;
    else if (outcome === 'retry') report.retried++;
    else if (outcome === 'rate-limited') report.rateLimited++;
    else if (outcome === 'dead') report.dead++;
    else report.lostLease++;
    return outcome;
  }

  /**
   * The rest of a lane whose row must be tried again later: moved just behind
   * that row, in their order and without an attempt, so they come back after it.
   */
  async function holdBehind(item: ClaimedItem, rest: readonly ClaimedItem[], report: BatchReport): Promise<void> {
    const row = await db.selectFrom('outbox').select('due_at').where('id', '=', item.id).where('status', '=', 'PENDING').executeTakeFirst();
    const after = (row?.due_at ?? clock.now()).getTime();
    for (const [index, waiting] of rest.entries()) {
      if (await deferDelivery(db, waiting, new Date(after + index + 1))) report.deferred++;
      else report.lostLease++;
    }
  }

  async function runBatch(): Promise<BatchReport> {
    const report: BatchReport = { claimed: 0, sent: 0, retried: 0, rateLimited: 0, dead: 0, deferred: 0, lostLease: 0, released: 0, errors: 0 };
    if (stopping || deliveries.size === 0) return report;
    const now = clock.now();
    if (!(await anyDue(db, now))) return report;
    const items = await claimDue(db, {
      claimToken: `${options.workerId}#${++claims}`,
      platforms: [...deliveries.keys()],
      now,
      leaseMs,
      limit: batchSize,
    });
    report.claimed = items.length;
    const lanes = intoLanes(items);
    const unstarted: ClaimedItem[] = [];
    let next = 0;
    const worker = async () => {
      while (!stopping && next < lanes.length) {
        const lane = lanes[next++]!;
        for (const [index, item] of lane.entries()) {
          if (stopping) {
            unstarted.push(...lane.slice(index));
            break;
          }
          let outcome: DeliveryOutcome | 'deferred';
          try {
            outcome = await handle(item, report);
          } catch (error) {
            // A failed deferral hook or a lost database: the row waits out its lease and is tried again,
            // and the rest of its lane, still claimed, comes back with it.
            report.errors++;
            log.error({ err: error, outboxId: item.id }, 'outbox delivery could not be recorded');
            break;
          }
          const rest = lane.slice(index + 1);
          if (rest.length > 0 && (outcome === 'retry' || outcome === 'rate-limited' || outcome === 'deferred')) {
            await holdBehind(item, rest, report);
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, worker));
    unstarted.push(...lanes.slice(next).flat());
    if (unstarted.length > 0) {
      await releaseClaims(db, unstarted, clock.now());
      report.released = unstarted.length;
    }
    return report;
  }

  function runOnce(): Promise<BatchReport> {
    const run = runBatch();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  async function poll(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      try {
        const report = await runOnce();
        claimed = report.claimed;
        if (report.dead > 0 || report.errors > 0) log.warn({ ...report }, 'outbox batch had failures');
      } catch (error) {
        log.error({ err: error }, 'outbox poll failed');
      }
      // A full or partial batch means more may be due: go again at once.
      if (claimed === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    runOnce,
    start() {
      if (loop || stopping) return;
      loop = poll();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
