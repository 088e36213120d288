import type { Kysely } from 'kysely';
import type { CommunityProfile } from '../communities/community.repository.js';
import type { Database } from '../store/database.js';
import { MatchingIndex } from './matching-index.js';
import { skippedMembers } from './matching-round.repository.js';
import { loadExcludedPairs, loadMatchingSnapshot } from './matching.repository.js';
import { planRound, type RoundPlan } from './round-plan.js';

/**
 * Plans a community's round from the database as it is now (not the cached index: a round must see
 * every decline, block and new mentorship), leaving out members who skipped `roundId`.
 */
export async function planCommunityRound(
  db: Kysely<Database>,
  community: CommunityProfile,
  roundId: number | null,
  now: Date,
): Promise<{ plan: RoundPlan; index: MatchingIndex; skillNames: ReadonlyMap<number, string> }> {
  const [snapshot, excluded, skipped] = await Promise.all([
    loadMatchingSnapshot(db, community.id, community.settings.openRelations, now),
    loadExcludedPairs(db, community.id),
    roundId === null ? Promise.resolve(new Set<number>()) : skippedMembers(db, roundId),
  ]);
  const index = new MatchingIndex(snapshot.members);
  return { plan: planRound(index, community.settings.matching.weights, { excluded, skipped }), index, skillNames: snapshot.skillNames };
}
