import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { fixedClock, makeCommunity } from '../../test/builders.js';
import { matchingRoundsJob } from './matching-jobs.js';
import { createScheduler } from './scheduler.js';

describe('the matching rounds job', () => {
  const database = useTestDatabase();

  it('schedules the next round from the community’s settings and runs it when it is due, once', async () => {
    const { db } = database;
    const community = await makeCommunity(db, {
      timezone: 'Europe/Berlin',
      settings: { matching: { rounds: { enabled: true, everyWeeks: 2, weekday: 'mon', time: '10:00' } } },
    });
    const scheduler = createScheduler({ db, clock: fixedClock(new Date('2026-06-01T00:00:00Z')), jobs: [matchingRoundsJob], replicaId: 'test' });
    const rounds = () => db.selectFrom('matching_rounds').select(['status', 'scheduled_for']).where('community_id', '=', community.id).orderBy('id').execute();

    // Wednesday 3 June 2026: the next Monday at 10:00 Berlin (CEST, UTC+2) is 8 June, 08:00 UTC.
    await scheduler.tick(new Date('2026-06-03T12:00:00Z'));
    expect(await rounds()).toEqual([{ status: 'SCHEDULED', scheduled_for: new Date('2026-06-08T08:00:00Z') }]);

    await scheduler.tick(new Date('2026-06-08T08:00:00Z'));
    const after = await rounds();
    expect(after[0]!.status).toBe('COMPLETED');
    // The round after it is on the calendar two weeks later, and only one is waiting.
    expect(after.slice(1)).toEqual([{ status: 'SCHEDULED', scheduled_for: new Date('2026-06-22T08:00:00Z') }]);

    await scheduler.tick(new Date('2026-06-08T09:00:00Z'));
    expect(await rounds()).toHaveLength(2);
    const failed = await db.selectFrom('job_runs').select('error').where('job', '=', 'matching-rounds').where('error', 'is not', null).execute();
    expect(failed).toEqual([]);
  });
});
