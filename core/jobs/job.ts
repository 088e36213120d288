import type { CommunitySettings } from '../communities/settings.js';
import type { CoreDeps } from '../deps.js';
import type { Log } from '../ports/log.js';
import type { Platform } from '../store/database.js';
import type { Schedule } from './schedule.js';

/** A community as the scheduler hands it to per-community jobs. */
export interface ScheduledCommunity {
  readonly id: number;
  readonly platform: Platform;
  /** IANA zone the community's schedules are read in. */
  readonly timezone: string;
  /**
   * Parsed on first use: a community whose stored settings are corrupt fails
   * only the jobs that read them, not its whole tick.
   */
  settings(): CommunitySettings;
}

interface JobContextBase {
  /** The clock reads the tick's time (fixed when a test passes one to `tick`). */
  readonly deps: CoreDeps;
  /** When the tick runs; may be later than the slot (catching up after downtime). */
  readonly now: Date;
  readonly slot: { readonly key: string; readonly scheduledAt: Date };
  readonly log: Log;
}

export type GlobalJobContext = JobContextBase;

export interface CommunityJobContext extends JobContextBase {
  readonly community: ScheduledCommunity;
}

/**
 * A cron job as data. `run` should be a thin call into the core, and
 * state-based ("complete every relation past its end date", not "complete
 * today's"): only the latest missed slot runs after downtime, a failed run is
 * tried again, and a run taken over from a dead replica starts again from the
 * beginning. Messages it causes go through the outbox with dedupe keys, so
 * running again never sends twice.
 */
export type JobDefinition =
  | {
      readonly name: string;
      readonly perCommunity: false;
      /** Read in UTC. */
      readonly schedule: Schedule;
      run(context: GlobalJobContext): Promise<void>;
    }
  | {
      readonly name: string;
      readonly perCommunity: true;
      /**
       * Read in the community's timezone. A function reads the community's own
       * settings (a matching round on the day its owners chose); null: not now.
       */
      readonly schedule: Schedule | ((community: ScheduledCommunity) => Schedule | null);
      run(context: CommunityJobContext): Promise<void>;
    };
