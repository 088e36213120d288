import { beforeEach, describe, expect, it } from 'vitest';
import type { Log } from '../ports/log.js';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { makeCommunity } from '../../test/builders.js';
import type { JobDefinition } from './job.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.js';
import type { Schedule } from './schedule.js';

const minute = 60_000;

/** A job that records each run: which slot, for which community, at which tick. */
function recordingJob(name: string, schedule: Schedule, perCommunity: boolean, runs: string[], fail?: () => boolean): JobDefinition {
  if (perCommunity) {
    return {
      name,
      perCommunity: true,
      schedule,
      async run({ slot, community }) {
        if (fail?.()) throw new Error(`${name} broke`);
        runs.push(`${slot.key}@${community.id}`);
      },
    };
  }
  return {
    name,
    perCommunity: false,
    schedule,
    async run({ slot }) {
      if (fail?.()) throw new Error(`${name} broke`);
      runs.push(slot.key);
    },
  };
}

/** Ticks from `from` up to (not including) `to`, every `stepMs`, on each scheduler together. */
async function tickThrough(schedulers: readonly Scheduler[], from: string, to: string, stepMs = 5 * minute): Promise<void> {
  for (let time = new Date(from).getTime(); time < new Date(to).getTime(); time += stepMs) {
    await Promise.all(schedulers.map((scheduler) => scheduler.tick(new Date(time))));
  }
}

describe('scheduler', () => {
  const database = useTestDatabase();

  beforeEach(async () => {
    // Communities and runs from one test must not show up in the next one's ticks.
    await database.db.deleteFrom('job_runs').execute();
    await database.db.deleteFrom('communities').execute();
  });

  function scheduler(jobs: JobDefinition[], options: Partial<SchedulerOptions> = {}): Scheduler {
    return createScheduler({ db: database.db, clock: createFakeClock('2026-01-01T00:00:00Z'), jobs, replicaId: 'replica-a', ...options });
  }

  it("runs a daily job once per local day across Berlin's spring-forward and fall-back days", async () => {
    const berlin = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const runs: string[] = [];
    const ticks: string[] = [];
    const job: JobDefinition = {
      name: 'night-run',
      perCommunity: true,
      schedule: { daily: '02:30' },
      async run({ slot, now }) {
        runs.push(slot.key);
        ticks.push(now.toISOString());
      },
    };
    const replica = scheduler([job]);

    await tickThrough([replica], '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z');
    expect(runs).toEqual([
      // The first tick is a start: it catches up the latest slot, the day before's.
      `community:${berlin.id}:2026-03-26T02:30`,
      `community:${berlin.id}:2026-03-27T02:30`,
      `community:${berlin.id}:2026-03-28T02:30`,
      `community:${berlin.id}:2026-03-29T02:30`,
      `community:${berlin.id}:2026-03-30T02:30`,
    ]);
    // 02:30 CET is 01:30 UTC; on the 29th the clocks skip it and the run comes at 03:30 CEST, still 01:30 UTC; then 00:30 UTC.
    expect(ticks).toEqual(['2026-03-27T00:00:00.000Z', '2026-03-27T01:30:00.000Z', '2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);

    runs.length = 0;
    ticks.length = 0;
    await tickThrough([replica], '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z');
    expect(runs).toEqual([
      `community:${berlin.id}:2026-10-23T02:30`,
      `community:${berlin.id}:2026-10-24T02:30`,
      `community:${berlin.id}:2026-10-25T02:30`,
      `community:${berlin.id}:2026-10-26T02:30`,
    ]);
    // On the 25th, 02:30 comes twice (00:30 and 01:30 UTC): it runs at the first.
    expect(ticks).toEqual(['2026-10-24T00:00:00.000Z', '2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it("runs each community's job in its own timezone, once per day, across New York's fall-back night", async () => {
    const newYork = await makeCommunity(database.db, { timezone: 'America/New_York' });
    const utc = await makeCommunity(database.db, { timezone: 'UTC' });
    const runs: string[] = [];
    const replica = scheduler([recordingJob('complete-relations', { daily: '01:30' }, true, runs)]);

    await tickThrough([replica], '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', minute);

    expect(runs.sort()).toEqual(
      [
        // Caught up at the first tick.
        `community:${newYork.id}:2026-10-31T01:30@${newYork.id}`,
        `community:${utc.id}:2026-10-31T01:30@${utc.id}`,
        `community:${newYork.id}:2026-11-01T01:30@${newYork.id}`,
        `community:${newYork.id}:2026-11-02T01:30@${newYork.id}`,
        `community:${utc.id}:2026-11-01T01:30@${utc.id}`,
        `community:${utc.id}:2026-11-02T01:30@${utc.id}`,
      ].sort(),
    );
  });

  it('runs every slot exactly once when two schedulers on one database tick the same minutes', async () => {
    const berlin = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const newYork = await makeCommunity(database.db, { timezone: 'America/New_York' });
    const runs: string[] = [];
    const jobs = [
      recordingJob('quarter-hourly', { every: 'minutes', interval: 15 }, false, runs),
      recordingJob('end-of-day', { daily: '23:59' }, true, runs),
      recordingJob('weekly-digest', { weekly: { day: 'mon', time: '09:00' } }, true, runs),
    ];
    const replicas = [scheduler(jobs, { replicaId: 'a' }), scheduler(jobs, { replicaId: 'b' })];

    // Saturday to Tuesday, through Berlin's spring-forward night.
    await tickThrough(replicas, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z');

    expect(new Set(runs).size).toBe(runs.length);
    expect(runs.filter((run) => run.startsWith('global:'))).toHaveLength(3 * 24 * 4);
    expect(runs.filter((run) => run.includes(':2026-03-29T23:59@'))).toEqual([
      `community:${berlin.id}:2026-03-29T23:59@${berlin.id}`,
      `community:${newYork.id}:2026-03-29T23:59@${newYork.id}`,
    ]);
    // The previous Monday's digest is caught up at the first tick, then this Monday's runs in each zone.
    expect(runs.filter((run) => run.includes('T09:00@')).sort()).toEqual(
      [
        `community:${berlin.id}:2026-03-23T09:00@${berlin.id}`,
        `community:${newYork.id}:2026-03-23T09:00@${newYork.id}`,
        `community:${berlin.id}:2026-03-30T09:00@${berlin.id}`,
        `community:${newYork.id}:2026-03-30T09:00@${newYork.id}`,
      ].sort(),
    );
    const recorded = await database.db.selectFrom('job_runs').select(['claimed_by', 'finished_at', 'error']).execute();
    expect(recorded).toHaveLength(runs.length);
    expect(recorded.every((run) => run.finished_at !== null && run.error === null)).toBe(true);
    // Both replicas did some of the work.
    expect(new Set(recorded.map((run) => run.claimed_by))).toEqual(new Set(['a', 'b']));
  });

  it('catches up the latest missed slot once at start, even when two replicas start together', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const runs: string[] = [];
    const jobs = [recordingJob('complete-relations', { daily: '23:59' }, true, runs), recordingJob('monthly-purge', { monthly: { day: 1, time: '03:00' } }, false, runs)];
    await scheduler(jobs, { replicaId: 'before' }).tick(new Date('2026-03-31T22:00:00Z'));
    expect(runs).toEqual([`community:${community.id}:2026-03-31T23:59@${community.id}`, 'global:2026-03-01T03:00']);

    // Every replica was down from then until 4 April, 10:00 UTC: the 1, 2 and 3 April slots and April's purge were missed.
    runs.length = 0;
    const restarted = [scheduler(jobs, { replicaId: 'c' }), scheduler(jobs, { replicaId: 'd' })];
    const at = new Date('2026-04-04T10:00:00Z');
    await Promise.all(restarted.map((replica) => replica.tick(at)));
    expect(runs.sort()).toEqual([`community:${community.id}:2026-04-03T23:59@${community.id}`, 'global:2026-04-01T03:00'].sort());

    runs.length = 0;
    await tickThrough(restarted, '2026-04-04T10:01:00Z', '2026-04-04T21:00:00Z');
    expect(runs).toEqual([]);
  });

  it('records a failing job, keeps running the others, and tries the failed one again later', async () => {
    const runs: string[] = [];
    let broken = true;
    const errors: string[] = [];
    const log: Log = { info: () => undefined, warn: () => undefined, error: (_fields, message) => errors.push(message) };
    const replica = scheduler(
      [recordingJob('fragile', { daily: '06:00' }, false, runs, () => broken), recordingJob('steady', { daily: '06:00' }, false, runs)],
      { log, retryFailedAfterMs: 15 * minute },
    );

    const first = await replica.tick(new Date('2026-05-04T06:00:00Z'));
    expect(first.runs).toEqual([
      { job: 'fragile', slot: 'global:2026-05-04T06:00', error: 'Error: fragile broke' },
      { job: 'steady', slot: 'global:2026-05-04T06:00' },
    ]);
    expect(errors).toEqual(['scheduled job failed']);
    const failed = await database.db.selectFrom('job_runs').select(['error', 'finished_at']).where('job', '=', 'fragile').executeTakeFirstOrThrow();
    expect(failed.error).toBe('Error: fragile broke');
    expect(failed.finished_at).not.toBeNull();

    broken = false;
    expect((await replica.tick(new Date('2026-05-04T06:10:00Z'))).runs).toEqual([]);
    // Another replica retries it too, but only once.
    const other = scheduler([recordingJob('fragile', { daily: '06:00' }, false, runs)], { replicaId: 'other' });
    const [mine, theirs] = await Promise.all([replica.tick(new Date('2026-05-04T06:16:00Z')), other.tick(new Date('2026-05-04T06:16:00Z'))]);
    expect([...mine.runs, ...theirs.runs]).toEqual([{ job: 'fragile', slot: 'global:2026-05-04T06:00' }]);
    expect(runs).toEqual(['global:2026-05-04T06:00', 'global:2026-05-04T06:00']);
  });

  it('takes over a run whose replica died mid-run, once it is presumed abandoned', async () => {
    const runs: string[] = [];
    await database.db
      .insertInto('job_runs')
      .values({ job: 'complete', slot: 'global:2026-05-04T23:59', claimed_by: 'dead-replica', claimed_at: new Date('2026-05-04T23:59:00Z') })
      .execute();
    const replica = scheduler([recordingJob('complete', { daily: '23:59' }, false, runs)], { abandonAfterMs: 60 * minute });

    await tickThrough([replica], '2026-05-05T00:00:00Z', '2026-05-05T00:59:00Z', minute);
    expect(runs).toEqual([]);
    // Presumed abandoned from 00:59; a replica that saw the claim looks again within 15 minutes (its recheck interval).
    await tickThrough([replica], '2026-05-05T00:59:00Z', '2026-05-05T01:20:00Z', minute);
    expect(runs).toEqual(['global:2026-05-04T23:59']);
    const row = await database.db.selectFrom('job_runs').select(['claimed_by', 'error']).executeTakeFirstOrThrow();
    expect(row).toEqual({ claimed_by: 'replica-a', error: null });
  });

  it("reads a community's own schedule from its settings, and skips a community whose timezone is broken", async () => {
    const weekly = await makeCommunity(database.db);
    const none = await makeCommunity(database.db);
    const broken = await makeCommunity(database.db, { timezone: 'Mars/Olympus_Mons' });
    const runs: string[] = [];
    const matching: JobDefinition = {
      name: 'matching-round',
      perCommunity: true,
      // Stand-in for a settings field: the community decides whether and when.
      schedule: (community) => (community.id === none.id ? null : { weekly: { day: 'tue', time: '18:00' } }),
      async run({ slot, community }) {
        expect(community.settings().programName).toBe('Mentorship program');
        runs.push(slot.key);
      },
    };
    const replica = scheduler([matching]);
    await replica.tick(new Date('2026-05-05T18:00:00Z'));
    expect(runs).toEqual([`community:${weekly.id}:2026-05-05T18:00`]);
    expect(broken.id).toBeGreaterThan(0);
  });

  it('does not start a tick while the previous one is still running', async () => {
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const job: JobDefinition = { name: 'slow', perCommunity: false, schedule: { every: 'minutes', interval: 1 }, run: () => gate };
    const replica = scheduler([job]);
    const first = replica.tick(new Date('2026-05-05T10:00:00Z'));
    expect(await replica.tick(new Date('2026-05-05T10:01:00Z'))).toEqual({ runs: [], busy: true });
    finish();
    expect((await first).runs).toHaveLength(1);
    await replica.idle();
  });

  it('refuses two jobs with one name and a schedule it cannot keep', () => {
    const job = recordingJob('twice', { daily: '01:00' }, false, []);
    expect(() => scheduler([job, job])).toThrow(/two jobs are named 'twice'/);
    expect(() => scheduler([recordingJob('bad', { daily: '1am' }, false, [])])).toThrow(RangeError);
  });
});
