import { describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { createScheduler } from '../jobs/scheduler.js';
import { silentPairsJob } from '../jobs/engagement-jobs.js';

describe('silent-pair check-ins', () => {
  const database = useTestDatabase();

  it('checks on a quiet pair once, tells the active staff a period later, and starts over once the pair talks again', async () => {
    const { db } = database;
    const community = await makeCommunity(db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(db, community);
    const mentee = await makeMember(db, community);
    const admin = await makeMember(db, community, { role: 'ADMIN' });
    const owner = await makeMember(db, community, { role: 'OWNER' });
    await makeMember(db, community, { role: 'ADMIN', status: 'SUSPENDED' });
    const { id: mentorshipId } = await makeMentorship(db, community, { mentor, mentee });
    await db.updateTable('mentorships').set({ last_activity_at: new Date('2026-03-01T12:00:00Z') }).where('id', '=', mentorshipId).execute();
    const scheduler = createScheduler({ db, clock: fixedClock('2026-03-01T12:00:00Z'), jobs: [silentPairsJob], replicaId: 'test' });
    const sent = async () =>
      (await db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', `silent:${mentorshipId}:%`).orderBy('id').execute()).map((row) => ({
        key: row.dedupe_key,
        to: (row.payload as { recipientMemberId: number }).recipientMemberId,
        text: JSON.stringify(row.payload),
      }));

    // 10:00 in Berlin; 13 days and 21 hours quiet is not yet the 14 days.
    await scheduler.tick(new Date('2026-03-15T09:00:00Z'));
    expect(await sent()).toEqual([]);

    await scheduler.tick(new Date('2026-03-16T09:00:00Z'));
    const checkIns = await sent();
    expect(checkIns.map(({ key, to }) => [key, to])).toEqual([
      [`silent:${mentorshipId}:2026-03-01:nudge:${mentor.id}`, mentor.id],
      [`silent:${mentorshipId}:2026-03-01:nudge:${mentee.id}`, mentee.id],
    ]);
    expect(checkIns[0]!.text).toContain(`mentor:session:schedule:${mentorshipId}`);
    expect(checkIns[0]!.text).toContain(mentee.platformUserId);

    await scheduler.tick(new Date('2026-03-17T09:00:00Z'));
    // 10:00 CEST after the clocks went forward: 27 days quiet, one short of a second period.
    await scheduler.tick(new Date('2026-03-29T08:00:00Z'));
    expect(await sent()).toHaveLength(2);

    await scheduler.tick(new Date('2026-03-30T08:00:00Z'));
    const reports = (await sent()).slice(2);
    expect(reports.map(({ key, to }) => [key, to])).toEqual([
      [`silent:${mentorshipId}:2026-03-01:admins:${admin.id}`, admin.id],
      [`silent:${mentorshipId}:2026-03-01:admins:${owner.id}`, owner.id],
    ]);
    expect(reports[0]!.text).toContain(mentor.platformUserId);
    expect(reports[0]!.text).toContain(mentee.platformUserId);

    await scheduler.tick(new Date('2026-03-31T08:00:00Z'));
    expect(await sent()).toHaveLength(4);

    // They talk again, then fall quiet: a new period, a new check-in.
    await db.updateTable('mentorships').set({ last_activity_at: new Date('2026-04-01T12:00:00Z') }).where('id', '=', mentorshipId).execute();
    await scheduler.tick(new Date('2026-04-15T08:00:00Z'));
    expect(await sent()).toHaveLength(4);
    await scheduler.tick(new Date('2026-04-16T08:00:00Z'));
    expect((await sent()).slice(4).map(({ key }) => key)).toEqual([
      `silent:${mentorshipId}:2026-04-01:nudge:${mentor.id}`,
      `silent:${mentorshipId}:2026-04-01:nudge:${mentee.id}`,
    ]);
  });

  it('asks a pair found already long quiet before reporting it, and leaves out members who turned reminders off', async () => {
    const { db } = database;
    const community = await makeCommunity(db, { timezone: 'Europe/Berlin', settings: { reminders: { silentPairDays: 7 } } });
    const mentor = await makeMember(db, community);
    const mentee = await makeMember(db, community);
    const owner = await makeMember(db, community, { role: 'OWNER' });
    await db.updateTable('members').set({ notification_preferences: JSON.stringify({ channels: { reminders: 'off' } }) }).where('id', '=', mentee.id).execute();
    // Accepted on 12 January and never a message: long past two periods of 7 days.
    const { id: mentorshipId } = await makeMentorship(db, community, { mentor, mentee });
    const scheduler = createScheduler({ db, clock: fixedClock('2026-03-01T12:00:00Z'), jobs: [silentPairsJob], replicaId: 'test' });
    const keys = async () => (await db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', `silent:${mentorshipId}:%`).orderBy('id').execute()).map((row) => row.dedupe_key);

    await scheduler.tick(new Date('2026-03-02T09:00:00Z'));
    expect(await keys()).toEqual([`silent:${mentorshipId}:2026-01-12:nudge:${mentor.id}`]);
    await scheduler.tick(new Date('2026-03-03T09:00:00Z'));
    expect(await keys()).toEqual([`silent:${mentorshipId}:2026-01-12:nudge:${mentor.id}`, `silent:${mentorshipId}:2026-01-12:admins:${owner.id}`]);
  });
});
