import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { addGoal } from '../goals/add-goal.js';
import { addTask } from '../goals/add-task.js';
import { confirmSession } from '../sessions/confirm-session.js';
import { proposeSession } from '../sessions/propose-session.js';
import { rescheduleSession } from '../sessions/reschedule-session.js';
import { createScheduler } from './scheduler.js';
import { goalRemindersJob, sessionRemindersJob } from './toolkit-jobs.js';

const hour = 3_600_000;

describe('toolkit jobs: session and goal reminders', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-20T12:00:00Z');
  const deps = () => ({ db: database.db, clock });
  const scheduler = () => createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob, goalRemindersJob], replicaId: 'test' });
  const reminders = (sessionId: number) =>
    database.db.selectFrom('outbox').select(['dedupe_key', 'due_at', 'payload']).where('dedupe_key', 'like', `session:${sessionId}:reminder:%`).orderBy('dedupe_key').execute();

  async function confirmedSession(community: BuiltCommunity, when: { date: string; time: string }, options: { timezone?: string; endDate?: string; mentorQuietHours?: null } = {}) {
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    if (options.timezone) await database.db.updateTable('members').set({ timezone: options.timezone }).where('id', 'in', [mentor.id, mentee.id]).execute();
    if (options.mentorQuietHours === null) await database.db.updateTable('members').set({ notification_preferences: JSON.stringify({ quietHours: null }) }).where('id', '=', mentor.id).execute();
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee, endDate: options.endDate ?? '2026-06-30' });
    const { sessionId } = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: { ...when, durationMinutes: 60, kind: 'VIDEO_CALL' } }));
    expectOk(await confirmSession(deps(), actorFor(mentor), { sessionId }));
    return { mentor, mentee, mentorshipId, sessionId };
  }

  it('queues both reminders at exactly start − 24 h and start − 1 h of real time across Berlin’s spring-forward day', async () => {
    clock.set('2026-03-20T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    // 10:00 CEST on 29 March is 08:00 UTC; a day earlier it was still CET, so 24 h before is 09:00 local, not 10:00.
    const { mentor, mentee, sessionId } = await confirmedSession(community, { date: '2026-03-29', time: '10:00' });
    const start = new Date('2026-03-29T08:00:00Z').getTime();

    await scheduler().tick(new Date('2026-03-28T07:50:00Z'));
    expect(await reminders(sessionId)).toEqual([]);
    await scheduler().tick(new Date('2026-03-28T07:55:00Z'));
    const dayBefore = await reminders(sessionId);
    expect(dayBefore.map((row) => [row.dedupe_key, row.due_at.getTime() - start])).toEqual(
      [mentor.id, mentee.id].sort().map((id) => [`session:${sessionId}:reminder:24h:0:${id}`, -24 * hour]),
    );
    // Another tick in the same window queues nothing twice.
    await scheduler().tick(new Date('2026-03-28T08:00:00Z'));
    expect(await reminders(sessionId)).toHaveLength(2);

    await scheduler().tick(new Date('2026-03-29T06:55:00Z'));
    const hourBefore = (await reminders(sessionId)).filter((row) => row.dedupe_key.includes(':1h:'));
    expect(hourBefore.map((row) => row.due_at.getTime() - start)).toEqual([-hour, -hour]);
    expect(JSON.stringify(hourBefore[0]!.payload)).toContain('Session in an hour');
  });

  it('queues them at the right instants across New York’s fall-back day too', async () => {
    clock.set('2026-10-20T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'America/New_York' });
    // 10:00 EST on 1 November is 15:00 UTC; 24 h earlier is 11:00 EDT on 31 October.
    const { sessionId } = await confirmedSession(community, { date: '2026-11-01', time: '10:00' }, { timezone: 'America/New_York', endDate: '2026-12-31' });
    await scheduler().tick(new Date('2026-10-31T14:55:00Z'));
    await scheduler().tick(new Date('2026-11-01T13:55:00Z'));
    const due = (await reminders(sessionId)).map((row) => [row.dedupe_key.split(':')[3], row.due_at.toISOString()]);
    expect(due.sort()).toEqual([
      ['1h', '2026-11-01T14:00:00.000Z'], ['1h', '2026-11-01T14:00:00.000Z'],
      ['24h', '2026-10-31T15:00:00.000Z'], ['24h', '2026-10-31T15:00:00.000Z'],
    ]);
  });

  it('moves the 24-hour reminder out of quiet hours, never the 1-hour one', async () => {
    clock.set('2026-03-20T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    // 07:30 CEST on the 29th: the day before at 06:30 CET is inside the default 22:00–08:00 quiet hours.
    const { mentor, mentee, sessionId } = await confirmedSession(community, { date: '2026-03-29', time: '07:30' }, { mentorQuietHours: null });
    await scheduler().tick(new Date('2026-03-28T05:25:00Z'));
    await scheduler().tick(new Date('2026-03-29T04:25:00Z'));
    const due = new Map((await reminders(sessionId)).map((row) => [row.dedupe_key, row.due_at.toISOString()]));
    // The mentee's quiet hours end at 08:00 CET (07:00 UTC); the mentor chose none.
    expect(due.get(`session:${sessionId}:reminder:24h:0:${mentee.id}`)).toBe('2026-03-28T07:00:00.000Z');
    expect(due.get(`session:${sessionId}:reminder:24h:0:${mentor.id}`)).toBe('2026-03-28T05:30:00.000Z');
    expect(due.get(`session:${sessionId}:reminder:1h:0:${mentee.id}`)).toBe('2026-03-29T04:30:00.000Z');
    expect(due.get(`session:${sessionId}:reminder:1h:0:${mentor.id}`)).toBe('2026-03-29T04:30:00.000Z');
  });

  it('withdraws reminders of a moved session and queues them again for its new time', async () => {
    clock.set('2026-03-20T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const { mentor, mentee, sessionId } = await confirmedSession(community, { date: '2026-04-10', time: '18:00' });
    await scheduler().tick(new Date('2026-04-09T15:55:00Z'));
    expect(await reminders(sessionId)).toHaveLength(2);

    clock.set('2026-04-09T16:00:00Z');
    expectOk(await rescheduleSession(deps(), actorFor(mentor), { sessionId, values: { date: '2026-04-12', time: '18:00', reason: 'Deadline moved' } }));
    expect(await reminders(sessionId)).toEqual([]);
    clock.set('2026-04-09T16:05:00Z');
    expectOk(await confirmSession(deps(), actorFor(mentee), { sessionId }));
    await scheduler().tick(new Date('2026-04-11T15:55:00Z'));
    expect((await reminders(sessionId)).map((row) => [row.dedupe_key.split(':').slice(3, 5).join(':'), row.due_at.toISOString()])).toEqual([
      ['24h:1', '2026-04-11T16:00:00.000Z'], ['24h:1', '2026-04-11T16:00:00.000Z'],
    ]);
  });

  it('sends goal and task due notices 3 days and 1 day before and once overdue, each once', async () => {
    clock.set('2026-03-20T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee });
    const { goalId } = expectOk(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Ship the API', dueDate: '2026-04-03' } }));
    const { taskId } = expectOk(await addTask(deps(), actorFor(mentor), { mentorshipId, values: { title: 'Read the Postgres docs on indexes', assignee: 'MENTEE', dueDate: '2026-04-01' } }));
    const notices = async () =>
      (await database.db.selectFrom('outbox').select(['dedupe_key', 'payload']).where((eb) => eb.or([eb('dedupe_key', 'like', `goal:${goalId}:due:%`), eb('dedupe_key', 'like', `task:${taskId}:due:%`)])).orderBy('id').execute())
        .map((row) => `${row.dedupe_key.split(':').slice(0, 5).join(':')}→${(row.payload as { recipientMemberId: number }).recipientMemberId === mentor.id ? 'mentor' : 'mentee'}`);

    // 09:00 in Berlin on 31 March is 07:00 UTC (summer time since the 29th).
    await scheduler().tick(new Date('2026-03-31T07:00:00Z'));
    expect(await notices()).toEqual([`goal:${goalId}:due:2026-04-03:3d→mentor`, `goal:${goalId}:due:2026-04-03:3d→mentee`, `task:${taskId}:due:2026-04-01:1d→mentee`]);
    await scheduler().tick(new Date('2026-04-02T07:00:00Z'));
    await createScheduler({ db: database.db, clock, jobs: [goalRemindersJob], replicaId: 'other' }).tick(new Date('2026-04-02T07:01:00Z'));
    expect((await notices()).slice(3)).toEqual([`goal:${goalId}:due:2026-04-03:1d→mentor`, `goal:${goalId}:due:2026-04-03:1d→mentee`, `task:${taskId}:due:2026-04-01:overdue→mentee`]);
  });
});
