import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { scheduledJobs } from './registry.js';
import { createScheduler } from './scheduler.js';

describe('the mentorship jobs in the schedule', () => {
  const database = useTestDatabase();

  it('completes a relation at 23:59 in the community’s timezone on its end date, once, across a DST change', async () => {
    const { db } = database;
    // 2026-03-29 is the day Berlin moves from CET (UTC+1) to CEST (UTC+2): 23:59 local is 21:59 UTC.
    const community = await makeCommunity(db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(db, community);
    const mentee = await makeMember(db, community);
    const otherMentee = await makeMember(db, community);
    const endingToday = await makeMentorship(db, community, { mentor, mentee, endDate: '2026-03-29' });
    const endingTomorrow = await makeMentorship(db, community, { mentor, mentee: otherMentee, endDate: '2026-03-30' });
    const scheduler = createScheduler({ db, clock: fixedClock(new Date('2026-03-29T00:00:00Z')), jobs: scheduledJobs(), replicaId: 'test' });
    const status = async (id: number) => (await db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    // The first tick catches up the missed slot of the 28th; it must not complete what ends on the 29th.
    await scheduler.tick(new Date('2026-03-29T21:58:00Z'));
    expect(await status(endingToday.id)).toBe('ACCEPTED');

    await scheduler.tick(new Date('2026-03-29T21:59:00Z'));
    expect(await status(endingToday.id)).toBe('COMPLETED');
    expect(await status(endingTomorrow.id)).toBe('ACCEPTED');
    const events = await db.selectFrom('mentorship_events').select(['to_status', 'actor_kind']).where('mentorship_id', '=', endingToday.id).execute();
    expect(events).toEqual([{ to_status: 'COMPLETED', actor_kind: 'SYSTEM' }]);
    const effects = await db.selectFrom('outbox').select('kind').where('dedupe_key', 'like', `mentorship:${endingToday.id}:%`).execute();
    // Each member is thanked by DM with the feedback button; the space gets its closing post and is archived.
    expect(effects.map((row) => row.kind).sort()).toEqual(['dm', 'dm', 'space.archive', 'space.post']);

    // Another replica ticking the same minute, or this one again: the slot is taken, nothing more happens.
    const replica = createScheduler({ db, clock: fixedClock(new Date('2026-03-29T00:00:00Z')), jobs: scheduledJobs(), replicaId: 'other' });
    await replica.tick(new Date('2026-03-29T21:59:30Z'));
    const runs = await db.selectFrom('job_runs').select(['slot', 'claimed_by']).where('job', '=', 'complete-mentorships').orderBy('slot').execute();
    expect(runs).toEqual([
      { slot: `community:${community.id}:2026-03-28T23:59`, claimed_by: 'test' },
      { slot: `community:${community.id}:2026-03-29T23:59`, claimed_by: 'test' },
    ]);

    // The next day's 23:59 (UTC+2 now) completes the other one.
    await scheduler.tick(new Date('2026-03-30T21:59:00Z'));
    expect(await status(endingTomorrow.id)).toBe('COMPLETED');
  });

  it('expires a request left unanswered past the community’s expiry days', async () => {
    const { db } = database;
    const community = await makeCommunity(db, { timezone: 'America/New_York' });
    const mentor = await makeMember(db, community);
    const mentee = await makeMember(db, community);
    const request = await makeMentorship(db, community, { mentor, mentee, status: 'PENDING' });
    await db.updateTable('mentorships').set({ expires_at: new Date('2026-04-08T12:00:00Z') }).where('id', '=', request.id).execute();
    const scheduler = createScheduler({ db, clock: fixedClock(new Date('2026-04-01T00:00:00Z')), jobs: scheduledJobs(), replicaId: 'test' });

    await scheduler.tick(new Date('2026-04-08T11:45:00Z'));
    expect((await db.selectFrom('mentorships').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status).toBe('PENDING');
    await scheduler.tick(new Date('2026-04-08T12:00:00Z'));
    expect((await db.selectFrom('mentorships').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status).toBe('EXPIRED');
  });
});
