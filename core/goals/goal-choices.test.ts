import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { chooseGoal, chooseTask, listGoalChoices, listTaskChoices } from './goal-choices.js';

describe('choosing a goal or a task', () => {
  const database = useTestDatabase();
  const deps = () => ({ db: database.db });

  async function world() {
    const community = await makeCommunity(database.db);
    const me = await makeMember(database.db, community);
    const mentor = await makeMember(database.db, community, { displayName: 'Grace' });
    const other = await makeMember(database.db, community, { displayName: 'Linus' });
    const stranger = await makeMember(database.db, community);
    const running = await makeMentorship(database.db, community, { mentor, mentee: me });
    const paused = await makeMentorship(database.db, community, { mentor: other, mentee: me, status: 'PAUSED' });
    const ended = await makeMentorship(database.db, community, { mentor: stranger, mentee: me, status: 'COMPLETED' });
    const foreign = await makeMentorship(database.db, community, { mentor, mentee: stranger });
    const goal = async (mentorshipId: number, title: string, status: 'OPEN' | 'DONE' = 'OPEN') =>
      (await database.db.insertInto('goals').values({ mentorship_id: mentorshipId, title, status, completed_at: status === 'DONE' ? new Date() : null }).returning('id').executeTakeFirstOrThrow()).id;
    return { me, running, paused, ended, foreign, goal };
  }

  it('lists only the open goals of the member’s own running or paused mentorships, naming the other side', async () => {
    const { me, running, paused, ended, foreign, goal } = await world();
    const ship = await goal(running.id, 'Ship a small API');
    const talk = await goal(paused.id, 'Give a talk');
    await goal(running.id, 'Reached already', 'DONE');
    await goal(ended.id, 'From an ended mentorship');
    await goal(foreign.id, 'Someone else’s goal');
    const choices = expectOk(await listGoalChoices(deps(), actorFor(me), { typed: '' }));
    expect(choices).toEqual([{ value: String(talk), name: 'Give a talk (with Linus)' }, { value: String(ship), name: 'Ship a small API (with Grace)' }]);
  });

  it('matches what was typed anywhere in the title, with % and _ taken literally', async () => {
    const { me, running, goal } = await world();
    const percent = await goal(running.id, 'Reach 100% test coverage');
    await goal(running.id, 'Reach 1000 users');
    expect(expectOk(await listGoalChoices(deps(), actorFor(me), { typed: '0%' })).map((choice) => choice.value)).toEqual([String(percent)]);
    expect(expectOk(await listGoalChoices(deps(), actorFor(me), { typed: 'REACH' }))).toHaveLength(2);
  });

  it('takes an id or one matching title, and otherwise asks with the matching (or all) open goals', async () => {
    const { me, running, goal } = await world();
    const sql = await goal(running.id, 'Learn SQL joins');
    const window = await goal(running.id, 'Learn window functions');
    expect(expectOk(await chooseGoal(deps(), actorFor(me), { typed: 'window' }))).toEqual({ kind: 'chosen', id: window });
    expect(expectOk(await chooseGoal(deps(), actorFor(me), { typed: ` ${sql} ` }))).toEqual({ kind: 'chosen', id: sql });
    const several = expectOk(await chooseGoal(deps(), actorFor(me), { typed: 'learn' }));
    expect(several.kind === 'ask' && several.message.body).toEqual(['Several of your open goals match "learn". Which goal did you reach?']);
    const none = expectOk(await chooseGoal(deps(), actorFor(me), { typed: 'kubernetes' }));
    const options = none.kind === 'ask' ? none.message.actions?.[0] : undefined;
    expect(options?.type === 'select' && options.customId).toBe('mentor:goal:done');
    expect(options?.type === 'select' && options.options.map((option) => option.value).sort()).toEqual([String(sql), String(window)].sort());
  });

  it('says there is nothing to choose from, and lists tasks the same way', async () => {
    const { me, running } = await world();
    expect(expectProblem(await chooseTask(deps(), actorFor(me), { typed: 'anything' }))).toMatchObject({ code: 'not-found', message: 'You have no open tasks. Add one with the task add command.' });
    const task = await database.db.insertInto('tasks').values({ mentorship_id: running.id, title: 'Read chapter 3', assignee_role: 'MENTEE' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('tasks').values({ mentorship_id: running.id, title: 'Read chapter 2', assignee_role: 'MENTEE', done_at: new Date() }).execute();
    expect(expectOk(await listTaskChoices(deps(), actorFor(me), { typed: 'read' }))).toEqual([{ value: String(task.id), name: 'Read chapter 3 (with Grace)' }]);
    expect(expectOk(await chooseTask(deps(), actorFor(me), { typed: 'chapter' }))).toEqual({ kind: 'chosen', id: task.id });
  });
});
