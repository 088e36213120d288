import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { dateSegment } from '../mentorships/mentorship-messages.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message, type MessageField } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { goalProgress, type GoalRecord, type TaskRecord } from './goal.js';
import { listGoals, listTasks } from './goal.repository.js';

export interface MentorshipPlan {
  readonly goals: GoalRecord[];
  readonly openTasks: TaskRecord[];
  /** Finished tasks, latest first: the relation's achievements. */
  readonly achievements: TaskRecord[];
  readonly progress: ReturnType<typeof goalProgress>;
  readonly reply: Message;
}

/** A mentorship's goals with progress, its open tasks and its achievements, for either side. */
export async function listMentorshipGoals(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<MentorshipPlan>> {
  const auth = authorizeMember(actor, 'goal.list');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const goals = await listGoals(deps.db, input.mentorshipId);
  const tasks = await listTasks(deps.db, input.mentorshipId);
  const openTasks = tasks.filter((task) => !task.doneAt);
  const achievements = tasks.filter((task) => task.doneAt).sort((left, right) => (right.doneAt?.getTime() ?? 0) - (left.doneAt?.getTime() ?? 0));
  const progress = goalProgress(goals);
  const timezone = pair.value.community.timezone;
  const fields: MessageField[] = [
    ...goals.filter((goal) => goal.status !== 'DROPPED').map((goal) => ({
      name: truncate(`${goal.status === 'DONE' ? '✓ ' : ''}${goal.title}`, 100),
      value: goal.dueDate ? ['Due ', dateSegment(goal.dueDate, timezone)] : ['No due date'],
    })),
    ...openTasks.map((task) => ({
      name: truncate(`Task: ${task.title}`, 100),
      value: [`${task.assigneeRole === 'MENTOR' ? 'Mentor' : 'Mentee'} · ${task.priority.toLowerCase()} priority`, ...(task.dueDate ? [' · due ', dateSegment(task.dueDate, timezone)] : [])],
    })),
  ];
  const summary = progress.percent === null ? 'No goals yet.' : `${progress.done} of ${progress.total} goals reached (${progress.percent} %).`;
  const reply = privateMessage([`${summary} ${openTasks.length} open tasks, ${achievements.length} achievements.`], {
    title: 'Goals and tasks',
    fields: fields.slice(0, 25),
    actions: [
      { type: 'button', customId: interactionId('goal', 'add', input.mentorshipId), label: 'Add a goal', style: 'primary' },
      { type: 'button', customId: interactionId('task', 'add', input.mentorshipId), label: 'Add a task', style: 'secondary' },
    ],
  });
  return ok({ goals, openTasks, achievements, progress, reply });
}
