import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import type { GoalStatus } from '../store/database.js';
import { goalProgress } from './goal.js';
import { findGoal, listGoals } from './goal.repository.js';

/**
 * Either side marks a goal reached (DONE) or drops it; a dropped goal no
 * longer counts towards progress. Reaching one is celebrated in the pair's space.
 */
export async function setGoalStatus(deps: CoreDeps, actor: Actor, input: { goalId: number; status: Exclude<GoalStatus, 'OPEN'> }): Promise<Outcome<{ goalId: number; progress: ReturnType<typeof goalProgress>; reply: Message }>> {
  const auth = authorizeMember(actor, 'goal.update');
  if (!auth.ok) return auth;
  const now = deps.clock.now();
  const notFound = () => fail('not-found', 'That goal does not exist, or is not yours.');
  return deps.db.transaction().execute(async (trx) => {
    const peek = await findGoal(trx, auth.value.communityId, input.goalId);
    if (!peek) return notFound();
    const pair = await loadPair(trx, auth.value, peek.mentorshipId, { lock: true });
    if (!pair.ok) return notFound();
    const goal = await findGoal(trx, auth.value.communityId, input.goalId, { lock: true });
    if (!goal) return notFound();
    if (goal.status === input.status) return fail('already-done', input.status === 'DONE' ? 'This goal is already reached.' : 'This goal was already dropped.');
    if (goal.status !== 'OPEN') return fail('wrong-state', 'Only an open goal can be reached or dropped.');
    await trx.updateTable('goals').set({ status: input.status, completed_at: input.status === 'DONE' ? now : null }).where('id', '=', goal.id).execute();
    const progress = goalProgress(await listGoals(trx, goal.mentorshipId));
    const progressText = progress.percent === null ? '' : ` Progress: ${progress.done} of ${progress.total} goals (${progress.percent} %).`;
    if (input.status === 'DONE') {
      await enqueue(trx, {
        communityId: auth.value.communityId,
        kind: 'space.post',
        payload: { mentorshipId: goal.mentorshipId, message: { kind: 'message', visibility: 'pair', title: 'Goal reached', body: [{ mention: pair.value.me.platformUserId }, ` marked the goal "${goal.title}" as reached.${progressText}`] } },
        dedupeKey: `goal:${goal.id}:done`,
      });
    }
    return ok({ goalId: goal.id, progress, reply: privateMessage([input.status === 'DONE' ? `Goal reached: "${goal.title}".${progressText}` : `Goal dropped: "${goal.title}".${progressText}`]) });
  });
}
