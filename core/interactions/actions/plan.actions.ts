import { StaleInteractionError } from '../../errors.js';
import { addGoal } from '../../goals/add-goal.js';
import { addTask } from '../../goals/add-task.js';
import { completeTask } from '../../goals/complete-task.js';
import { openGoalForm, openTaskForm } from '../../goals/goal-forms.js';
import { setGoalStatus } from '../../goals/update-goal.js';
import { interactionId } from '../../interaction-ids.js';
import { problemReply } from '../../problem-reply.js';
import type { FormValues } from '../../reply.js';
import type { TaskPriority } from '../../store/database.js';
import type { SharedActionHandler } from '../interaction.js';
import { answerWithForm, choiceOf, idArg, textOf } from '../toolkit-helpers.js';

/** Goals' and tasks' buttons, selects and forms. */

/** The goal or task a button names (`goal:done:<id>`), or the one chosen in a select (`goal:done`). */
function itemOf(args: readonly string[], values: FormValues, what: string): number {
  if (args.length > 0) return idArg(args, what);
  const chosen = choiceOf(values, 'selected');
  if (!chosen) throw new StaleInteractionError(`no ${what} chosen`);
  return idArg([chosen], what);
}

/** `goal:add:<mentorship>`: the goal form. */
const openGoal: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openGoalForm(context.deps, context.actor, { mentorshipId: idArg(args, 'mentorship') }));
};

/** `goal:save:<mentorship>`: the submitted goal. */
const saveGoal: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const mentorshipId = idArg(args, 'mentorship');
  await respond.defer();
  const added = await addGoal(deps, actor, { mentorshipId, values: { title: textOf(values, 'title') ?? '', description: textOf(values, 'description'), dueDate: textOf(values, 'dueDate') } });
  if (added.ok) return respond.send(added.value.reply);
  const form = added.problem.fields ? await openGoalForm(deps, actor, { mentorshipId }) : null;
  await respond.problem(added.problem, form?.ok ? form.value : undefined, interactionId('goal', 'add', mentorshipId));
};

/** `goal:done[:<goal>]`: marks the goal reached (from a reminder's button, or the select of open goals). */
const goalDone: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const goalId = itemOf(args, values, 'goal');
  await respond.defer();
  const done = await setGoalStatus(deps, actor, { goalId, status: 'DONE' });
  await respond.send(done.ok ? done.value.reply : problemReply(done.problem));
};

/** `task:add:<mentorship>`: the task form. */
const openTask: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openTaskForm(context.deps, context.actor, { mentorshipId: idArg(args, 'mentorship') }));
};

/** `task:save:<mentorship>`: the submitted task. */
const saveTask: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const mentorshipId = idArg(args, 'mentorship');
  await respond.defer();
  const added = await addTask(deps, actor, {
    mentorshipId,
    values: {
      title: textOf(values, 'title') ?? '', assignee: choiceOf(values, 'assignee') as 'MENTOR' | 'MENTEE', priority: choiceOf(values, 'priority') as TaskPriority | undefined,
      dueDate: textOf(values, 'dueDate'), goalId: choiceOf(values, 'goalId'),
    },
  });
  if (added.ok) return respond.send(added.value.reply);
  const form = added.problem.fields ? await openTaskForm(deps, actor, { mentorshipId }) : null;
  await respond.problem(added.problem, form?.ok ? form.value : undefined, interactionId('task', 'add', mentorshipId));
};

/** `task:done[:<task>]`: marks the task done, an achievement of the pair. */
const taskDone: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const taskId = itemOf(args, values, 'task');
  await respond.defer();
  const done = await completeTask(deps, actor, { taskId });
  await respond.send(done.ok ? done.value.reply : problemReply(done.problem));
};

export const planActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ['goal:add', openGoal],
  ['goal:save', saveGoal],
  ['goal:done', goalDone],
  ['task:add', openTask],
  ['task:save', saveTask],
  ['task:done', taskDone],
];
