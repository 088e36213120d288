import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { findNextOpenRound, insertRound, lastCompletedRoundTime } from './matching-round.repository.js';
import { nextRoundTime } from './round-schedule.js';

/**
 * Puts the community's next round on the calendar from its settings (every N weeks, on a weekday at a
 * time, in the community's timezone), unless rounds are off or one is already waiting. Safe to run on
 * every tick.
 *
 * @returns the waiting round, or null when rounds are not scheduled.
 */
export async function scheduleNextRound(deps: CoreDeps, actor: Actor, input: { communityId: number }): Promise<Outcome<{ roundId: number; scheduledFor: Date } | null>> {
  const denied = authorize(actor, 'matching.schedule-round');
  if (denied) return denied;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const community = await requireCommunity(trx, input.communityId);
    // Serializes concurrent ticks for this community, so only one of them inserts a round.
    await trx.selectFrom('communities').select('id').where('id', '=', community.id).forUpdate().execute();
    const { rounds } = community.settings.matching;
    if (!rounds.enabled) return ok(null);
    const waiting = await findNextOpenRound(trx, community.id);
    if (waiting) return ok({ roundId: waiting.id, scheduledFor: waiting.scheduledFor });
    const scheduledFor = nextRoundTime(rounds, community.timezone, now, await lastCompletedRoundTime(trx, community.id));
    const round = await insertRound(trx, { communityId: community.id, status: 'SCHEDULED', scheduledFor, startedBy: null });
    return ok({ roundId: round.id, scheduledFor: round.scheduledFor });
  });
}
