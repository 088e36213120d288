import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { makeCommunity } from '../../test/builders.js';
import { queueMessages } from '../../test/outbox-fixtures.js';
import { housekeepingJob, monthlyPurgeJob, scheduledJobs } from './registry.js';
import { createScheduler } from './scheduler.js';

describe('scheduled jobs', () => {
  const database = useTestDatabase();

  it('all have valid, distinct definitions', () => {
    expect(() => createScheduler({ db: database.db, clock: createFakeClock('2026-01-01T00:00:00Z'), jobs: scheduledJobs(), replicaId: 'check' })).not.toThrow();
  });

  it('housekeeping prunes old sent messages and old job runs, and keeps the rest', async () => {
    const { db } = database;
    const now = new Date('2026-06-01T04:10:00Z');
    const community = await makeCommunity(db);
    const day = 86_400_000;
    await queueMessages(db, community.id, 1, { dueAt: new Date(now.getTime() - 100 * day), prefix: 'old-sent' });
    await queueMessages(db, community.id, 1, { dueAt: new Date(now.getTime() - 10 * day), prefix: 'recent-sent' });
    await queueMessages(db, community.id, 1, { dueAt: new Date(now.getTime() - 100 * day), prefix: 'old-dead' });
    await queueMessages(db, community.id, 1, { dueAt: new Date(now.getTime() - 100 * day), prefix: 'old-pending' });
    await db.updateTable('outbox').set({ status: 'SENT', sent_at: new Date(now.getTime() - 95 * day) }).where('dedupe_key', '=', 'old-sent:0').execute();
    await db.updateTable('outbox').set({ status: 'SENT', sent_at: new Date(now.getTime() - 10 * day) }).where('dedupe_key', '=', 'recent-sent:0').execute();
    await db.updateTable('outbox').set({ status: 'DEAD' }).where('dedupe_key', '=', 'old-dead:0').execute();
    await db
      .insertInto('job_runs')
      .values([
        { job: 'x', slot: 'global:old', claimed_by: 'r', claimed_at: new Date(now.getTime() - 70 * day), finished_at: new Date(now.getTime() - 70 * day) },
        { job: 'x', slot: 'global:recent', claimed_by: 'r', claimed_at: new Date(now.getTime() - 5 * day), finished_at: new Date(now.getTime() - 5 * day) },
      ])
      .execute();

    const scheduler = createScheduler({ db, clock: createFakeClock(now), jobs: [housekeepingJob], replicaId: 'housekeeper' });
    expect((await scheduler.tick(now)).runs).toEqual([{ job: 'housekeeping', slot: 'global:2026-06-01T04:10' }]);

    const keys = (await db.selectFrom('outbox').select('dedupe_key').orderBy('dedupe_key').execute()).map((row) => row.dedupe_key);
    expect(keys).toEqual(['old-dead:0', 'old-pending:0', 'recent-sent:0']);
    const slots = (await db.selectFrom('job_runs').select('slot').orderBy('slot').execute()).map((row) => row.slot);
    expect(slots).toEqual(['global:2026-06-01T04:10', 'global:recent']);
  });

  it('runs the monthly purge once on the 1st, and again only the next month', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const day = 86_400_000;
    const addMember = (id: string, fields: { left_at?: Date; created_at?: Date; onboarded_at?: Date | null; status?: 'LEFT' | 'ACTIVE' }) =>
      db.insertInto('members').values({ community_id: community.id, platform_user_id: id, display_name: id, ...fields }).execute();
    const july = new Date('2026-07-01T03:00:00Z');
    await addMember('gone', { status: 'LEFT', left_at: new Date(july.getTime() - 120 * day), onboarded_at: new Date('2025-01-01T00:00:00Z') });
    await addMember('staying', { status: 'ACTIVE', onboarded_at: new Date('2025-01-01T00:00:00Z') });
    const scheduler = createScheduler({ db, clock: createFakeClock(july), jobs: [monthlyPurgeJob], replicaId: 'purger' });

    expect((await scheduler.tick(new Date(july.getTime() - 60_000))).runs).toEqual([{ job: 'monthly-purge', slot: 'global:2026-06-01T03:00' }]);
    expect((await scheduler.tick(july)).runs).toEqual([{ job: 'monthly-purge', slot: 'global:2026-07-01T03:00' }]);
    expect((await scheduler.tick(new Date(july.getTime() + 20 * day))).runs).toEqual([]);
    const left = await db.selectFrom('members').select('platform_user_id').where('community_id', '=', community.id).execute();
    expect(left.map((row) => row.platform_user_id)).toEqual(['staying']);
  });
});
