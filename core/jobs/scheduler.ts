import type { Kysely } from 'kysely';
import { parseStoredSettings, type CommunitySettings } from '../communities/settings.js';
import type { Clock } from '../ports/clock.js';
import { silentLog, type Log } from '../ports/log.js';
import type { Database } from '../store/database.js';
import type { JobDefinition, ScheduledCommunity } from './job.js';
import { claimSlot, finishSlot } from './job-runs.js';
import { latestSlot } from './latest-slot.js';
import { assertSchedule, type Schedule } from './schedule.js';

export interface SchedulerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly jobs: readonly JobDefinition[];
  /** Names this process in `job_runs.claimed_by`. */
  readonly replicaId: string;
  readonly log?: Log;
  /** A claimed run unfinished after this long is presumed dead and taken over; default 1 h. Keep it above the longest run. */
  readonly abandonAfterMs?: number;
  /** A failed run is tried again after this long, while its slot is still the latest; default 15 min. */
  readonly retryFailedAfterMs?: number;
}

export interface SlotRun {
  readonly job: string;
  readonly slot: string;
  readonly error?: string;
}

export interface TickReport {
  /** Runs this replica claimed in this tick, in order, with the error of each that failed. */
  readonly runs: readonly SlotRun[];
  /** True when the tick was skipped because the previous one was still running. */
  readonly busy: boolean;
}

export interface Scheduler {
  /**
   * Evaluates every job's latest slot at `now` (default: the clock) and runs,
   * one at a time, each this replica manages to claim. Called every minute,
   * and once at start-up, which catches up a slot missed while every replica
   * was down. Never rejects because a job failed; rejects only when the
   * communities cannot be read.
   */
  tick(now?: Date): Promise<TickReport>;
  /** Resolves when the tick in progress, if any, has finished (graceful shutdown). */
  idle(): Promise<void>;
}

interface KnownSlot {
  readonly slot: string;
  /** Until then the slot needs no new claim attempt; null: never again. */
  readonly recheckAt: number | null;
}

/**
 * The platform-neutral scheduler: "exactly once across replicas" comes from
 * claiming each (job, slot) in `job_runs` (see {@link claimSlot}), not from the
 * timer that calls `tick`, so any number of replicas may tick the same minute.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db } = options;
  const log = options.log ?? silentLog;
  const abandonAfterMs = options.abandonAfterMs ?? 60 * 60_000;
  const retryFailedAfterMs = options.retryFailedAfterMs ?? 15 * 60_000;
  const names = new Set<string>();
  for (const job of options.jobs) {
    if (names.has(job.name)) throw new RangeError(`two jobs are named '${job.name}'`);
    names.add(job.name);
    if (typeof job.schedule !== 'function') assertSchedule(job.schedule);
  }
  const needsCommunities = options.jobs.some((job) => job.perCommunity);
  // What this replica learnt about each job's latest slot, so a slot already
  // run costs no database write on every minute's tick.
  const known = new Map<string, KnownSlot>();
  let running: Promise<TickReport> | undefined;

  async function communities(): Promise<ScheduledCommunity[]> {
    const rows = await db
      .selectFrom('communities')
      .select(['id', 'platform', 'timezone', 'settings', 'settings_version'])
      .where('status', '=', 'ACTIVE')
      .orderBy('id')
      .execute();
    return rows.map((row) => {
      let parsed: CommunitySettings | undefined;
      return {
        id: row.id,
        platform: row.platform,
        timezone: row.timezone,
        settings: () => (parsed ??= parseStoredSettings(row.settings, row.settings_version)),
      };
    });
  }

  async function runSlot(job: JobDefinition, schedule: Schedule, now: Date, community: ScheduledCommunity | undefined, runs: SlotRun[]): Promise<void> {
    const scope = community ? `community:${community.id}` : 'global';
    const slot = latestSlot(schedule, now, community?.timezone ?? 'UTC');
    const key = `${scope}:${slot.label}`;
    const cacheKey = `${job.name}|${scope}`;
    const seen = known.get(cacheKey);
    if (seen?.slot === key && (seen.recheckAt === null || now.getTime() < seen.recheckAt)) return;

    const claimed = await claimSlot(db, {
      job: job.name,
      slot: key,
      replicaId: options.replicaId,
      now,
      abandonedBefore: new Date(now.getTime() - abandonAfterMs),
      failedBefore: new Date(now.getTime() - retryFailedAfterMs),
    });
    if (!claimed) {
      // Another replica has it; look again only once it could be abandoned or failed.
      known.set(cacheKey, { slot: key, recheckAt: now.getTime() + Math.min(abandonAfterMs, retryFailedAfterMs) });
      return;
    }

    const context = {
      deps: { db, clock: { now: () => new Date(now) } },
      now,
      slot: { key, scheduledAt: slot.at },
      log,
    };
    let error: string | null = null;
    const started = performance.now();
    try {
      if (job.perCommunity) await job.run({ ...context, community: community! });
      else await job.run(context);
    } catch (failure) {
      error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
      log.error({ err: failure, job: job.name, slot: key }, 'scheduled job failed');
    }
    // The tick's time moved on by how long the run took, so it stays consistent with `claimed_at` when a test passes `now`.
    await finishSlot(db, { job: job.name, slot: key, replicaId: options.replicaId, finishedAt: new Date(now.getTime() + (performance.now() - started)), error });
    known.set(cacheKey, { slot: key, recheckAt: error === null ? null : now.getTime() + retryFailedAfterMs });
    runs.push(error === null ? { job: job.name, slot: key } : { job: job.name, slot: key, error });
  }

  async function evaluate(now: Date): Promise<TickReport> {
    const runs: SlotRun[] = [];
    const scoped = needsCommunities ? await communities() : [];
    for (const job of options.jobs) {
      const targets: Array<ScheduledCommunity | undefined> = job.perCommunity ? scoped : [undefined];
      for (const community of targets) {
        try {
          const schedule = typeof job.schedule === 'function' ? job.schedule(community!) : job.schedule;
          if (schedule === null) continue;
          if (typeof job.schedule === 'function') assertSchedule(schedule);
          await runSlot(job, schedule, now, community, runs);
        } catch (failure) {
          // A bad timezone or settings row, or the database failing to record a claim: this slot only.
          log.error({ err: failure, job: job.name, communityId: community?.id }, 'could not evaluate a scheduled job');
        }
      }
    }
    return { runs, busy: false };
  }

  return {
    tick(now = options.clock.now()) {
      // One tick at a time per replica, so a job never overlaps itself here.
      if (running) return Promise.resolve({ runs: [], busy: true });
      const tick = evaluate(now).finally(() => {
        running = undefined;
      });
      running = tick;
      return tick;
    },
    async idle() {
      await running?.catch(() => undefined);
    },
  };
}
