import cron from 'node-cron';
import type { Kysely } from 'kysely';
import type { Clock } from '../core/ports/clock.js';
import type { Database } from '../core/store/database.js';
import type { JobDefinition } from '../core/jobs/job.js';
import { createScheduler, type Scheduler } from '../core/jobs/scheduler.js';
import type { Logger } from './logger.js';

export interface CronSchedulerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly jobs: readonly JobDefinition[];
  /** Unique per process, e.g. `${hostname()}:${process.pid}`. */
  readonly replicaId: string;
  readonly logger: Logger;
}

export interface RunningScheduler {
  readonly scheduler: Scheduler;
  /** Stops the minute timer and waits for the tick in progress (and its job) to finish. */
  stop(): Promise<void>;
}

/**
 * Drives the core scheduler with node-cron: one task ticking every minute,
 * plus one tick straight away, which catches up a slot missed while every
 * replica was down. node-cron is only the timer here: which replica runs a
 * slot is settled by the `job_runs` claim, so no node-cron run coordinator
 * (nor Redis lock) is needed, and every replica may tick every minute.
 */
export function startCronScheduler(options: CronSchedulerOptions): RunningScheduler {
  const log = options.logger.child({ component: 'scheduler' });
  const scheduler = createScheduler({ db: options.db, clock: options.clock, jobs: options.jobs, replicaId: options.replicaId, log });

  const tick = async () => {
    try {
      const report = await scheduler.tick();
      for (const run of report.runs) {
        if (run.error === undefined) log.info({ job: run.job, slot: run.slot }, 'scheduled job ran');
      }
    } catch (error) {
      log.error({ err: error }, 'scheduler tick failed');
    }
  };

  void tick();
  // noOverlap: a tick still running (a long job) makes node-cron skip the next rather than stack it.
  const task = cron.schedule('* * * * *', tick, { name: 'mentorship-scheduler', noOverlap: true });
  log.info({ jobs: options.jobs.map((job) => job.name) }, 'scheduler started');

  let stopping: Promise<void> | undefined;
  return {
    scheduler,
    stop() {
      stopping ??= (async () => {
        await task.destroy();
        await scheduler.idle();
      })();
      return stopping;
    },
  };
}
