import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { findTask } from './goal.repository.js';

/**
 * Either side marks a task done; from then on it is an achievement of the
 * relation (seed 003), announced in the pair's space.
 */
export async function completeTask(deps: CoreDeps, actor: Actor, input: { taskId: number }): Promise<Outcome<{ taskId: number; reply: Message }>> {
  const auth = authorizeMember(actor, 'task.done');
  if (!auth.ok) return auth;
  const now = deps.clock.now();
  const notFound = () => fail('not-found', 'That task does not exist, or is not yours.');
  return deps.db.transaction().execute(async (trx) => {
    const peek = await findTask(trx, auth.value.communityId, input.taskId);
    if (!peek) return notFound();
    const pair = await loadPair(trx, auth.value, peek.mentorshipId, { lock: true });
    if (!pair.ok) return notFound();
    const task = await findTask(trx, auth.value.communityId, input.taskId, { lock: true });
    if (!task) return notFound();
    if (task.doneAt) return fail('already-done', 'This task is already done.');
    await trx.updateTable('tasks').set({ done_at: now }).where('id', '=', task.id).execute();
    await enqueue(trx, {
      communityId: auth.value.communityId,
      kind: 'space.post',
      payload: { mentorshipId: task.mentorshipId, message: { kind: 'message', visibility: 'pair', title: 'Achievement', body: [{ mention: pair.value.me.platformUserId }, ` finished "${task.title}".`] } },
      dedupeKey: `task:${task.id}:achievement`,
    });
    return ok({ taskId: task.id, reply: privateMessage([`Done: "${task.title}". It counts as an achievement of your mentorship.`], { title: 'Task done' }) });
  });
}
