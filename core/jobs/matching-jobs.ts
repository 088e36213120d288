import { systemActor } from '../access/actor.js';
import { announceRound } from '../matching/announce-round.js';
import { findDueRound } from '../matching/matching-round.repository.js';
import { runScheduledRound } from '../matching/run-round.js';
import { scheduleNextRound } from '../matching/schedule-next-round.js';
import type { JobDefinition } from './job.js';

/**
 * Matching rounds on each community's schedule (its settings say how often):
 * every hour, run the round that is due, send the heads-up for one due within
 * a day, and schedule the next. Each step is safe to repeat: a round runs
 * once, and its messages carry dedupe keys.
 */
export const matchingRoundsJob: JobDefinition = {
  name: 'matching-rounds',
  perCommunity: true,
  schedule: { every: 'minutes', interval: 60 },
  async run({ deps, community, now, log }) {
    const due = await findDueRound(deps.db, community.id, now);
    if (due) {
      const ran = await runScheduledRound(deps, systemActor, { roundId: due.id });
      if (!ran.ok && ran.problem.code !== 'already-done') throw new Error(`matching round ${due.id} refused: ${ran.problem.message}`);
      if (ran.ok) log.info({ community: community.id, round: due.id }, 'matching round ran');
    }
    const announced = await announceRound(deps, systemActor, { communityId: community.id });
    if (!announced.ok) throw new Error(`round heads-up refused: ${announced.problem.message}`);
    const scheduled = await scheduleNextRound(deps, systemActor, { communityId: community.id });
    if (!scheduled.ok) throw new Error(`scheduling the next round refused: ${scheduled.problem.message}`);
  },
};
