import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { updateSettings } from '../communities/update-settings.js';
import { createScheduler } from '../jobs/scheduler.js';
import { sessionRemindersJob } from '../jobs/toolkit-jobs.js';
import { confirmSession } from './confirm-session.js';
import { proposeSession } from './propose-session.js';
import { lateAllowanceMs, sessionReminderTimes } from './send-session-reminders.js';

const hour = 3_600_000;
const minute = 60_000;

describe('session reminders at the community’s times', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-20T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  /** Runs the reminder job as the scheduler would at `at`; a failed run fails the test. */
  async function tick(at: string) {
    const report = await createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob], replicaId: 'test' }).tick(new Date(at));
    expect(report.runs.filter((run) => run.error)).toEqual([]);
  }

  /** `hours:member → due_at` of a session's reminders, with the row's status when asked. */
  async function reminders(sessionId: number, names: Record<number, string>, options: { status?: boolean } = {}) {
    const rows = await database.db.selectFrom('outbox').select(['dedupe_key', 'due_at', 'status']).where('dedupe_key', 'like', `session:${sessionId}:reminder:%`).execute();
    // By due time, then by name: ids are not in a fixed order.
    return rows
      .sort((a, b) => a.due_at.getTime() - b.due_at.getTime())
      .map((row) => {
        const [, , , hours, sequence, member] = row.dedupe_key.split(':');
        return { at: row.due_at.getTime(), text: `${hours}:${sequence}:${names[Number(member)]} ${row.due_at.toISOString()}${options.status ? ` ${row.status}` : ''}` };
      })
      .sort((a, b) => a.at - b.at || a.text.localeCompare(b.text))
      .map((row) => row.text);
  }

  async function payloadOf(sessionId: number, hours: number, memberId: number) {
    const row = await database.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', `session:${sessionId}:reminder:${hours}h:0:${memberId}`).executeTakeFirstOrThrow();
    return row.payload as { urgent?: true; timely?: true; message: { title: string; actions?: unknown[] } };
  }

  /** A confirmed session of a new pair; the mentee keeps the community's quiet hours (22:00–08:00), the mentor chose none. */
  async function confirmedSession(community: BuiltCommunity, when: { date: string; time: string }, at: string, timezone?: string) {
    clock.set(at);
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    if (timezone) await database.db.updateTable('members').set({ timezone }).where('id', 'in', [mentor.id, mentee.id]).execute();
    await database.db.updateTable('members').set({ notification_preferences: JSON.stringify({ quietHours: null }) }).where('id', '=', mentor.id).execute();
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee, endDate: '2026-12-31' });
    const { sessionId } = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: { ...when, durationMinutes: 60, kind: 'VIDEO_CALL' } }));
    expectOk(await confirmSession(deps(), actorFor(mentor), { sessionId }));
    return { mentor, mentee, sessionId, names: { [mentor.id]: 'mentor', [mentee.id]: 'mentee' } };
  }

  async function ownerOf(community: BuiltCommunity) {
    return actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
  }

  it('reads the times earliest first; only the hour-ahead one is urgent, and a late one has an hour or half the way to the next', () => {
    const times = sessionReminderTimes([1, 48, 3]);
    expect(times).toEqual([{ hours: 48, urgent: false, nextHours: 3 }, { hours: 3, urgent: false, nextHours: 1 }, { hours: 1, urgent: true, nextHours: 0 }]);
    expect(times.map(lateAllowanceMs)).toEqual([hour, hour, hour / 2]);
    expect(sessionReminderTimes([3, 2, 1]).map(lateAllowanceMs)).toEqual([30 * minute, 30 * minute, 30 * minute]);
  });

  it('queues custom times at exactly start − N hours across Berlin’s spring-forward, deferring all but the hour-ahead one out of quiet hours', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin', settings: { reminders: { sessionHoursBefore: [1, 48, 3] } } });
    // 10:00 CEST on 29 March is 08:00 UTC. 48 h before is 09:00 CET on the 27th (not 10:00); 3 h before is 07:00 CEST, inside quiet hours.
    const { mentor, mentee, sessionId, names } = await confirmedSession(community, { date: '2026-03-29', time: '10:00' }, '2026-03-20T12:00:00Z');
    const confirmation = await database.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', `session:${sessionId}:confirmed:0:${mentee.id}`).executeTakeFirstOrThrow();
    expect(JSON.stringify(confirmation.payload)).toContain('reminders come 2 days, 3 hours and an hour before.');

    await tick('2026-03-27T07:50:00Z');
    expect(await reminders(sessionId, names)).toEqual([]);
    await tick('2026-03-27T07:55:00Z');
    await tick('2026-03-27T08:00:00Z');
    await tick('2026-03-29T04:55:00Z');
    await tick('2026-03-29T05:00:00Z');
    await tick('2026-03-29T06:55:00Z');
    expect((await reminders(sessionId, names)).sort()).toEqual([
      '1h:0:mentee 2026-03-29T07:00:00.000Z',
      '1h:0:mentor 2026-03-29T07:00:00.000Z',
      '3h:0:mentee 2026-03-29T06:00:00.000Z', // 08:00 CEST, when the mentee's quiet hours end
      '3h:0:mentor 2026-03-29T05:00:00.000Z',
      '48h:0:mentee 2026-03-27T08:00:00.000Z',
      '48h:0:mentor 2026-03-27T08:00:00.000Z',
    ]);
    expect(await payloadOf(sessionId, 48, mentor.id)).toMatchObject({ timely: true, message: { title: 'Session in 2 days', actions: [expect.anything()] } });
    expect(await payloadOf(sessionId, 3, mentee.id)).toMatchObject({ message: { title: 'Session in 3 hours' } });
    expect((await payloadOf(sessionId, 3, mentee.id)).urgent).toBeUndefined();
    expect(await payloadOf(sessionId, 1, mentee.id)).toMatchObject({ urgent: true, timely: true, message: { title: 'Session in an hour' } });
    // Named, so a closed-DM fallback posts only in this pair's own space.
    const { mentorship_id } = await database.db.selectFrom('mentoring_sessions').select('mentorship_id').where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(await payloadOf(sessionId, 1, mentee.id)).toMatchObject({ mentorshipId: mentorship_id });
    expect((await payloadOf(sessionId, 1, mentee.id)).message.actions).toBeUndefined();
  });

  it('keeps a custom time exact across New York’s fall-back, and waits out quiet hours on the member’s clock', async () => {
    const community = await makeCommunity(database.db, { timezone: 'America/New_York', settings: { reminders: { sessionHoursBefore: [12] } } });
    // 10:00 EST on 1 November is 15:00 UTC; 12 h before is 03:00 UTC, 23:00 EDT the evening before: quiet for the mentee
    // until 08:00 EST (13:00 UTC), after the clocks went back; the last reminder may wait until just before the start.
    const { sessionId, names } = await confirmedSession(community, { date: '2026-11-01', time: '10:00' }, '2026-10-20T12:00:00Z', 'America/New_York');
    await tick('2026-11-01T02:55:00Z');
    await tick('2026-11-01T14:55:00Z');
    expect(await reminders(sessionId, names)).toEqual(['12h:0:mentor 2026-11-01T03:00:00.000Z', '12h:0:mentee 2026-11-01T13:00:00.000Z']);
  });

  it('drops a reminder that quiet hours would push past the next one, never the hour-ahead one', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin', settings: { reminders: { sessionHoursBefore: [3, 1] } } });
    // 08:30 CEST on 10 April (06:30 UTC): 3 h before is 05:30 CEST, and 08:00 would be after the 1-hour reminder at 07:30.
    const { sessionId, names } = await confirmedSession(community, { date: '2026-04-10', time: '08:30' }, '2026-04-01T12:00:00Z');
    await tick('2026-04-10T03:25:00Z');
    await tick('2026-04-10T05:25:00Z');
    expect(await reminders(sessionId, names)).toEqual(['3h:0:mentor 2026-04-10T03:30:00.000Z', '1h:0:mentee 2026-04-10T05:30:00.000Z', '1h:0:mentor 2026-04-10T05:30:00.000Z']);
  });

  it('sends no "2 days" or "tomorrow" reminder for a session confirmed later than that, only the times still ahead', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin', settings: { reminders: { sessionHoursBefore: [48, 24, 1] } } });
    // 18:00 CEST on 10 April is 16:00 UTC. Confirmed 30 hours ahead: no 2-day reminder, the others on time.
    const early = await confirmedSession(community, { date: '2026-04-10', time: '18:00' }, '2026-04-09T10:00:00Z');
    await tick('2026-04-09T10:05:00Z');
    await tick('2026-04-09T15:55:00Z');
    await tick('2026-04-10T14:55:00Z');
    expect(await reminders(early.sessionId, early.names)).toEqual([
      '24h:0:mentee 2026-04-09T16:00:00.000Z', '24h:0:mentor 2026-04-09T16:00:00.000Z', '1h:0:mentee 2026-04-10T15:00:00.000Z', '1h:0:mentor 2026-04-10T15:00:00.000Z',
    ]);

    // Confirmed 23½ hours ahead: the day-ahead reminder is half an hour late and still worth it, at once.
    const late = await confirmedSession(community, { date: '2026-04-12', time: '18:00' }, '2026-04-11T16:30:00Z');
    await tick('2026-04-11T16:30:00Z');
    expect(await reminders(late.sessionId, late.names)).toEqual(['24h:0:mentee 2026-04-11T16:30:00.000Z', '24h:0:mentor 2026-04-11T16:30:00.000Z']);

    // Confirmed ten minutes ahead: the confirmation said when; only the hour-ahead reminder, at once.
    const last = await confirmedSession(community, { date: '2026-04-14', time: '18:00' }, '2026-04-14T15:50:00Z');
    await tick('2026-04-14T15:50:00Z');
    await tick('2026-04-14T15:55:00Z');
    expect(await reminders(last.sessionId, last.names)).toEqual(['1h:0:mentee 2026-04-14T15:50:00.000Z', '1h:0:mentor 2026-04-14T15:50:00.000Z']);
  });

  it('withdraws a waiting reminder whose time an owner took away, keeps the delivered one, and sends a new time still ahead', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const owner = await ownerOf(community);
    const { mentor, sessionId, names } = await confirmedSession(community, { date: '2026-04-10', time: '18:00' }, '2026-04-01T12:00:00Z');
    await tick('2026-04-09T15:55:00Z');
    // The dispatcher delivered the mentor's; the mentee's still waits.
    await database.db.updateTable('outbox').set({ status: 'SENT', sent_at: new Date('2026-04-09T16:00:00Z') }).where('dedupe_key', '=', `session:${sessionId}:reminder:24h:0:${mentor.id}`).execute();

    clock.set('2026-04-09T15:57:00Z');
    expectOk(await updateSettings(deps(), owner, { reminders: { sessionHoursBefore: [6, 1] } }));
    expect(await reminders(sessionId, names, { status: true })).toEqual(['24h:0:mentor 2026-04-09T16:00:00.000Z SENT']);
    await tick('2026-04-09T16:00:00Z');
    await tick('2026-04-10T09:55:00Z');
    await tick('2026-04-10T14:55:00Z');
    expect(await reminders(sessionId, names)).toEqual([
      '24h:0:mentor 2026-04-09T16:00:00.000Z', '6h:0:mentee 2026-04-10T10:00:00.000Z', '6h:0:mentor 2026-04-10T10:00:00.000Z',
      '1h:0:mentee 2026-04-10T15:00:00.000Z', '1h:0:mentor 2026-04-10T15:00:00.000Z',
    ]);
  });

  it('never sends a reminder twice nor one whose moment passed before its time was added, when the times change back and forth', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const owner = await ownerOf(community);
    const { sessionId, names } = await confirmedSession(community, { date: '2026-04-10', time: '18:00' }, '2026-04-01T12:00:00Z');
    await tick('2026-04-09T15:55:00Z');
    await database.db.updateTable('outbox').set({ status: 'SENT', sent_at: new Date('2026-04-09T16:00:00Z') }).where('dedupe_key', 'like', `session:${sessionId}:reminder:%`).execute();

    // 24 taken away and given back within its hour: what was delivered stays delivered, once.
    for (const [at, sessionHoursBefore] of [['2026-04-09T16:10:00Z', [6, 1]], ['2026-04-09T16:20:00Z', [24, 6, 1]]] as const) {
      clock.set(at);
      expectOk(await updateSettings(deps(), owner, { reminders: { sessionHoursBefore } }));
    }
    await tick('2026-04-09T16:25:00Z');
    // 30 hours before was this morning, before the time existed: not sent now.
    clock.set('2026-04-09T16:30:00Z');
    expectOk(await updateSettings(deps(), owner, { reminders: { sessionHoursBefore: [30, 6, 1] } }));
    await tick('2026-04-09T16:35:00Z');
    await tick('2026-04-10T09:55:00Z');
    await tick('2026-04-10T10:00:00Z');
    await tick('2026-04-10T14:55:00Z');
    expect(await reminders(sessionId, names, { status: true })).toEqual([
      '24h:0:mentee 2026-04-09T16:00:00.000Z SENT', '24h:0:mentor 2026-04-09T16:00:00.000Z SENT',
      '6h:0:mentee 2026-04-10T10:00:00.000Z PENDING', '6h:0:mentor 2026-04-10T10:00:00.000Z PENDING',
      '1h:0:mentee 2026-04-10T15:00:00.000Z PENDING', '1h:0:mentor 2026-04-10T15:00:00.000Z PENDING',
    ]);
  });
});
