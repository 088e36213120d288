import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { updateSettings } from '../communities/update-settings.js';
import { createScheduler } from '../jobs/scheduler.js';
import { goalRemindersJob } from '../jobs/toolkit-jobs.js';
import { addGoal } from './add-goal.js';
import { addTask } from './add-task.js';
import { dueNoticeFor } from './goal-messages.js';

describe('goal and task reminders on the community’s days', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-20T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  /** Runs the reminder job as the scheduler would at `at`; a failed run fails the test. */
  async function tick(at: string) {
    const report = await createScheduler({ db: database.db, clock, jobs: [goalRemindersJob], replicaId: 'test' }).tick(new Date(at));
    expect(report.runs.filter((run) => run.error)).toEqual([]);
  }

  async function pairIn(community: BuiltCommunity) {
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee });
    const notices = async (...keys: string[]) =>
      (await database.db.selectFrom('outbox').select(['dedupe_key', 'payload']).where((eb) => eb.or(keys.map((key) => eb('dedupe_key', 'like', `${key}:due:%`)))).orderBy('id').execute())
        .map((row) => `${row.dedupe_key.split(':').slice(0, 5).join(':')}→${(row.payload as { recipientMemberId: number }).recipientMemberId === mentor.id ? 'mentor' : 'mentee'}`);
    return { mentor, mentee, mentorshipId, notices };
  }

  it('picks each day’s notice on its day or a day late, never on the next one’s', () => {
    const notices = (days: number[]) => [8, 7, 6, 5, 3, 2, 1, 0, -1].map((daysLeft) => dueNoticeFor(daysLeft, days));
    expect(notices([3, 1])).toEqual([null, null, null, null, '3d', '3d', '1d', '1d', 'overdue']);
    expect(notices([2, 7])).toEqual([null, '7d', '7d', null, null, '2d', '2d', null, 'overdue']);
    expect(notices([3, 2, 1])).toEqual([null, null, null, null, '3d', '2d', '1d', '1d', 'overdue']);
  });

  it('sends custom days at 09:00 local on both sides of Berlin’s spring-forward, each once', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin', settings: { reminders: { goalDueDaysBefore: [2, 7] } } });
    const { mentor, mentee, mentorshipId, notices } = await pairIn(community);
    const { goalId } = expectOk(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Ship the API', dueDate: '2026-04-03' } }));
    const { taskId } = expectOk(await addTask(deps(), actorFor(mentor), { mentorshipId, values: { title: 'Read about indexes', assignee: 'MENTEE', dueDate: '2026-04-01' } }));
    const goal = `goal:${goalId}`;
    const task = `task:${taskId}`;

    // 09:00 in Berlin is 08:00 UTC until 29 March, 07:00 UTC after.
    await tick('2026-03-25T08:00:00Z');
    expect(await notices(goal, task)).toEqual([`${task}:due:2026-04-01:7d→mentee`]);
    await tick('2026-03-26T08:00:00Z');
    await tick('2026-03-27T08:00:00Z');
    expect((await notices(goal, task)).slice(1)).toEqual([`${goal}:due:2026-04-03:7d→mentor`, `${goal}:due:2026-04-03:7d→mentee`]);
    await tick('2026-03-30T07:00:00Z');
    await tick('2026-03-31T07:00:00Z');
    await tick('2026-04-01T07:00:00Z');
    await tick('2026-04-02T07:00:00Z');
    expect((await notices(goal, task)).slice(3)).toEqual([
      `${task}:due:2026-04-01:2d→mentee`, `${goal}:due:2026-04-03:2d→mentor`, `${goal}:due:2026-04-03:2d→mentee`, `${task}:due:2026-04-01:overdue→mentee`,
    ]);
    const [sent] = await database.db.selectFrom('outbox').select(['due_at', 'payload']).where('dedupe_key', '=', `${goal}:due:2026-04-03:2d:${mentee.id}`).execute();
    expect(sent?.due_at.toISOString()).toBe('2026-04-01T07:00:00.000Z');
    expect(JSON.stringify(sent?.payload)).toContain('A goal is due soon');
    // Named, so a closed-DM fallback posts only in this pair's own space.
    const { mentorship_id } = await database.db.selectFrom('goals').select('mentorship_id').where('id', '=', Number(goal.split(':')[1])).executeTakeFirstOrThrow();
    expect(sent?.payload).toMatchObject({ mentorshipId: mentorship_id });
  });

  it('catches up a notice a day late after a missed morning, not two', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin', settings: { reminders: { goalDueDaysBefore: [7] } } });
    const { mentee, mentorshipId, notices } = await pairIn(community);
    const ids: string[] = [];
    for (const dueDate of ['2026-05-09', '2026-05-10', '2026-05-11']) {
      ids.push(`goal:${expectOk(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: `Due ${dueDate}`, dueDate } })).goalId}`);
    }
    // 4 May: the first is five days away (two mornings late), the second six (one late), the third seven.
    await tick('2026-05-04T07:00:00Z');
    expect(await notices(...ids)).toEqual([
      `${ids[1]}:due:2026-05-10:7d→mentor`, `${ids[1]}:due:2026-05-10:7d→mentee`, `${ids[2]}:due:2026-05-11:7d→mentor`, `${ids[2]}:due:2026-05-11:7d→mentee`,
    ]);
  });

  it('honours changed days: a waiting notice of a day taken away is withdrawn, one delivered is never repeated, one due now is sent', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
    const { mentor, mentee, mentorshipId, notices } = await pairIn(community);
    const goal = `goal:${expectOk(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Give a talk', dueDate: '2026-05-20' } })).goalId}`;

    await tick('2026-05-17T07:00:00Z');
    expect(await notices(goal)).toEqual([`${goal}:due:2026-05-20:3d→mentor`, `${goal}:due:2026-05-20:3d→mentee`]);
    await database.db.updateTable('outbox').set({ status: 'SENT', sent_at: new Date('2026-05-17T07:00:00Z') }).where('dedupe_key', '=', `${goal}:due:2026-05-20:3d:${mentor.id}`).execute();

    clock.set('2026-05-17T07:30:00Z');
    expectOk(await updateSettings(deps(), owner, { reminders: { goalDueDaysBefore: [5, 2] } }));
    expect(await notices(goal)).toEqual([`${goal}:due:2026-05-20:3d→mentor`]);
    await tick('2026-05-18T07:00:00Z');
    clock.set('2026-05-19T06:00:00Z');
    expectOk(await updateSettings(deps(), owner, { reminders: { goalDueDaysBefore: [3, 2, 1] } }));
    await tick('2026-05-19T07:00:00Z');
    await tick('2026-05-21T07:00:00Z');
    expect(await notices(goal)).toEqual([
      `${goal}:due:2026-05-20:3d→mentor`, `${goal}:due:2026-05-20:2d→mentor`, `${goal}:due:2026-05-20:2d→mentee`,
      `${goal}:due:2026-05-20:1d→mentor`, `${goal}:due:2026-05-20:1d→mentee`, `${goal}:due:2026-05-20:overdue→mentor`, `${goal}:due:2026-05-20:overdue→mentee`,
    ]);
  });
});
