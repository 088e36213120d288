import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { ok, type Outcome } from '../outcome.js';
import { modal, truncate, type ModalInput, type ModalSpec } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { taskPriorities } from './goal.js';
import { listGoals } from './goal.repository.js';
import { checkRunning } from './goal-input.js';

/**
 * The forms that add a goal or a task to a mentorship. Opening one checks the
 * pair and that the relation runs, as adding would; input ids are the fields
 * `addGoal` and `addTask` name in their problems.
 */

const dueDateInput: ModalInput = { type: 'text', id: 'dueDate', label: 'Due date (YYYY-MM-DD, optional)', style: 'short', required: false, maxLength: 10, placeholder: 'e.g. 2026-05-01' };

export async function openGoalForm(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'goal.add');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const refused = checkRunning(pair.value);
  if (refused) return refused;
  return ok(modal({
    customId: interactionId('goal', 'save', input.mentorshipId),
    title: 'Add a goal',
    submitLabel: 'Add',
    inputs: [
      { type: 'text', id: 'title', label: 'Goal', style: 'short', required: true, maxLength: 200, placeholder: 'e.g. Ship a small API in Go' },
      { type: 'text', id: 'description', label: 'What reaching it looks like (optional)', style: 'paragraph', required: false, maxLength: 2000 },
      dueDateInput,
    ],
  }));
}

const priorityLabels = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' } as const;

/** A task for the mentor or the mentee (the mentee unless changed), optionally under one of the pair's open goals. */
export async function openTaskForm(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'task.add');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const refused = checkRunning(pair.value);
  if (refused) return refused;
  const openGoals = (await listGoals(deps.db, input.mentorshipId)).filter((goal) => goal.status === 'OPEN').slice(-25);
  return ok(modal({
    customId: interactionId('task', 'save', input.mentorshipId),
    title: 'Add a task',
    submitLabel: 'Add',
    inputs: [
      { type: 'text', id: 'title', label: 'Task', style: 'short', required: true, maxLength: 200, placeholder: 'e.g. Read chapter 3 and note questions' },
      {
        type: 'select', id: 'assignee', label: 'Who does it', required: true, minValues: 1, maxValues: 1, initialValues: ['MENTEE'],
        options: [{ value: 'MENTEE', label: 'The mentee' }, { value: 'MENTOR', label: 'The mentor' }],
      },
      {
        type: 'select', id: 'priority', label: 'Priority', required: true, minValues: 1, maxValues: 1, initialValues: ['MEDIUM'],
        options: taskPriorities.map((priority) => ({ value: priority, label: priorityLabels[priority] })),
      },
      dueDateInput,
      ...(openGoals.length > 0
        ? [{
            type: 'select' as const, id: 'goalId', label: 'Part of a goal (optional)', required: false, minValues: 0, maxValues: 1,
            options: openGoals.map((goal) => ({ value: String(goal.id), label: truncate(goal.title, 100) })),
          }]
        : []),
    ],
  }));
}
