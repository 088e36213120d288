import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { listMemberMentorships } from '../mentorships/list-member-mentorships.js';
import { addGoal } from './add-goal.js';
import { addTask } from './add-task.js';
import { completeTask } from './complete-task.js';
import { listMentorshipGoals } from './list-goals.js';
import { setGoalStatus } from './update-goal.js';

describe('goals and tasks', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('tracks goals with progress, tasks for either side, and done tasks as achievements', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const outsider = await makeMember(database.db, community, { role: 'OWNER' });
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee });

    const api = expectOk(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Ship a small API', description: 'Go and Postgres', dueDate: '2026-04-15' } }));
    const sql = expectOk(await addGoal(deps(), actorFor(mentor), { mentorshipId, values: { title: 'Learn window functions' } }));
    const talk = expectOk(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Give a meetup talk' } }));
    expect(expectProblem(await addGoal(deps(), actorFor(outsider), { mentorshipId, values: { title: 'Mine' } })).code).toBe('not-found');

    const task = expectOk(await addTask(deps(), actorFor(mentor), { mentorshipId, values: { title: 'Read chapter 3', assignee: 'MENTEE', priority: 'HIGH', dueDate: '2026-03-08', goalId: sql.goalId } }));
    expectOk(await addTask(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Review my pull request', assignee: 'MENTOR' } }));

    expectOk(await setGoalStatus(deps(), actorFor(mentee), { goalId: api.goalId, status: 'DONE' }));
    expect(expectProblem(await setGoalStatus(deps(), actorFor(mentor), { goalId: api.goalId, status: 'DONE' })).code).toBe('already-done');
    const dropped = expectOk(await setGoalStatus(deps(), actorFor(mentor), { goalId: talk.goalId, status: 'DROPPED' }));
    // One of the two goals still in the plan is reached; the dropped one no longer counts.
    expect(dropped.progress).toEqual({ done: 1, total: 2, percent: 50 });

    expectOk(await completeTask(deps(), actorFor(mentee), { taskId: task.taskId }));
    expect(expectProblem(await completeTask(deps(), actorFor(mentee), { taskId: task.taskId })).code).toBe('already-done');
    expect(expectProblem(await completeTask(deps(), actorFor(outsider), { taskId: task.taskId })).code).toBe('not-found');

    const plan = expectOk(await listMentorshipGoals(deps(), actorFor(mentor), { mentorshipId }));
    expect(plan.progress).toEqual({ done: 1, total: 2, percent: 50 });
    expect(plan.achievements.map((item) => item.title)).toEqual(['Read chapter 3']);
    expect(plan.openTasks.map((item) => [item.title, item.assigneeRole, item.priority])).toEqual([['Review my pull request', 'MENTOR', 'MEDIUM']]);
    const posts = await database.db.selectFrom('outbox').select('dedupe_key').where('kind', '=', 'space.post').where((eb) => eb.or([eb('dedupe_key', 'like', 'goal:%'), eb('dedupe_key', 'like', 'task:%')])).orderBy('id').execute();
    expect(posts.map((row) => row.dedupe_key)).toEqual([`goal:${api.goalId}:done`, `task:${task.taskId}:achievement`]);

    // The mentorship overview reads the same progress.
    const overview = expectOk(await listMemberMentorships(deps(), actorFor(mentee)));
    expect(overview.current[0]?.goals).toEqual({ done: 1, total: 2 });
  });

  it('answers bad goals and tasks with what to fix and stores nothing', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee, endDate: '2026-06-30' });
    const other = await makeMentorship(database.db, community, { mentor, mentee: await makeMember(database.db, community) });
    const otherGoal = expectOk(await addGoal(deps(), actorFor(mentor), { mentorshipId: other.id, values: { title: 'Elsewhere' } }));
    const fields = async (outcome: Promise<Parameters<typeof expectProblem>[0]>) => expectProblem(await outcome).fields?.map((field) => field.field);

    expect(await fields(addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: '' } }))).toEqual(['title']);
    expect(await fields(addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Past', dueDate: '2026-02-27' } }))).toEqual(['dueDate']);
    expect(await fields(addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Too late', dueDate: '2026-07-01' } }))).toEqual(['dueDate']);
    expect(await fields(addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'No such day', dueDate: '2026-04-31' } }))).toEqual(['dueDate']);
    expect(await fields(addTask(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Who?', assignee: 'BOTH' as never } }))).toEqual(['assignee']);
    expect(await fields(addTask(deps(), actorFor(mentee), { mentorshipId, values: { title: 'Wrong goal', assignee: 'MENTEE', goalId: otherGoal.goalId } }))).toEqual(['goalId']);
    expect(await database.db.selectFrom('goals').select('id').where('mentorship_id', '=', mentorshipId).execute()).toEqual([]);
    expect(await database.db.selectFrom('tasks').select('id').where('mentorship_id', '=', mentorshipId).execute()).toEqual([]);

    await database.db.updateTable('mentorships').set({ status: 'COMPLETED' }).where('id', '=', mentorshipId).execute();
    expect(expectProblem(await addGoal(deps(), actorFor(mentee), { mentorshipId, values: { title: 'After the end' } })).code).toBe('wrong-state');
  });
});
