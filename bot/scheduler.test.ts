import { describe, expect, it } from 'vitest';
import { systemClock } from '../core/ports/clock.js';
import type { JobDefinition } from '../core/jobs/job.js';
import { useTestDatabase } from '../test/database.js';
import { createLogger } from './logger.js';
import { startCronScheduler } from './scheduler.js';

describe('startCronScheduler', () => {
  const database = useTestDatabase();

  it('ticks once at start (the catch-up), and stops after the job in flight finishes', async () => {
    const runs: string[] = [];
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const job: JobDefinition = {
      name: 'hourly-check',
      perCommunity: false,
      schedule: { every: 'minutes', interval: 60 },
      async run({ slot }) {
        runs.push(slot.key);
        await gate;
      },
    };
    const running = startCronScheduler({
      db: database.db,
      clock: systemClock,
      jobs: [job],
      replicaId: 'cron-test',
      logger: createLogger({ level: 'silent', pretty: false }),
    });
    await expect.poll(() => runs).toHaveLength(1);

    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finish();
    await stopping;

    const recorded = await database.db.selectFrom('job_runs').select(['job', 'slot', 'claimed_by', 'finished_at']).execute();
    expect(recorded).toEqual([{ job: 'hourly-check', slot: runs[0], claimed_by: 'cron-test', finished_at: expect.any(Date) }]);
  });
});
