import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { checkDueDate, checkRunning, dueDateField } from './goal-input.js';

const goalInput = z.object({
  title: z.string().trim().min(1, 'Name the goal, e.g. "Ship a small API in Go".').max(200, 'Keep the title under 200 characters.'),
  description: z.string().trim().max(2000, 'Keep the description under 2,000 characters.').nullish(),
  dueDate: dueDateField,
});

/** Either side adds a goal to their mentorship (seed 001 §3): a title, a description and a due date, both optional but the title. */
export async function addGoal(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; values: z.input<typeof goalInput> }): Promise<Outcome<{ goalId: number; reply: Message }>> {
  const auth = authorizeMember(actor, 'goal.add');
  if (!auth.ok) return auth;
  const parsed = goalInput.safeParse(input.values);
  if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, auth.value, input.mentorshipId, { lock: true });
    if (!pair.ok) return pair;
    const refused = checkRunning(pair.value) ?? checkDueDate(parsed.data.dueDate, pair.value, now);
    if (refused) return refused;
    const row = await trx
      .insertInto('goals')
      .values({ mentorship_id: pair.value.mentorship.id, title: parsed.data.title, description: parsed.data.description || null, due_date: parsed.data.dueDate || null, created_by: auth.value.memberId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return ok({ goalId: row.id, reply: privateMessage([`Goal added: "${parsed.data.title}".`], { title: 'Goal added' }) });
  });
}
