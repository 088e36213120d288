import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { taskPriorities } from './goal.js';
import { findGoal } from './goal.repository.js';
import { checkDueDate, checkRunning, dueDateField } from './goal-input.js';

const taskInput = z.object({
  title: z.string().trim().min(1, 'Say what is to be done.').max(200, 'Keep the title under 200 characters.'),
  assignee: z.enum(['MENTOR', 'MENTEE'], 'Choose who does it: the mentor or the mentee.'),
  priority: z.enum(taskPriorities, 'Choose low, medium or high.').default('MEDIUM'),
  dueDate: dueDateField,
  goalId: z.coerce.number().int().positive().nullish(),
});

/** Either side adds a task (seed 001 §3: homework, action items) for the mentor or the mentee, optionally under one of the pair's goals. */
export async function addTask(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; values: z.input<typeof taskInput> }): Promise<Outcome<{ taskId: number; reply: Message }>> {
  const auth = authorizeMember(actor, 'task.add');
  if (!auth.ok) return auth;
  const parsed = taskInput.safeParse(input.values);
  if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
  const values = parsed.data;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, auth.value, input.mentorshipId, { lock: true });
    if (!pair.ok) return pair;
    const refused = checkRunning(pair.value) ?? checkDueDate(values.dueDate, pair.value, now);
    if (refused) return refused;
    if (values.goalId) {
      const goal = await findGoal(trx, auth.value.communityId, values.goalId);
      if (!goal || goal.mentorshipId !== pair.value.mentorship.id) return fail('invalid-input', 'Pick one of this mentorship’s goals.', [{ field: 'goalId', message: 'Pick one of this mentorship’s goals.' }]);
    }
    const row = await trx
      .insertInto('tasks')
      .values({
        mentorship_id: pair.value.mentorship.id, goal_id: values.goalId ?? null, title: values.title, assignee_role: values.assignee, priority: values.priority,
        due_date: values.dueDate || null, created_by: auth.value.memberId, created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return ok({ taskId: row.id, reply: privateMessage([`Task added for the ${values.assignee === 'MENTOR' ? 'mentor' : 'mentee'}: "${values.title}".`], { title: 'Task added' }) });
  });
}
