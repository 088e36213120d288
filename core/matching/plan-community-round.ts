import type { Kysely } from 'kysely';
import type { CommunityProfile } from '../communities/community.repository.js';
import type { Database } from '../store/database.js';
import { MatchingIndex } from './matching-index.js';
import { membersWithSuggestionsOff, skippedMembers } from './matching-round.repository.js';
import { loadExcludedPairs, loadMatchingSnapshot } from './matching.repository.js';
import { planRound, type RoundPlan } from './round-plan.js';

/**
 * Plans a community's round from the database as it is now (not the cached index: a round must see
 * every decline, block, new mentorship and notification setting), leaving out members who skipped
 * `roundId` or turned match suggestions off. The preview and the run both plan through here, so what an
 * admin previews is what runs while nothing changes in between.
 */
export async function planCommunityRound(
  db: Kysely<Database>,
  community: CommunityProfile,
  roundId: number | null,
  now: Date,
): Promise<{ plan: RoundPlan; index: MatchingIndex; skillNames: ReadonlyMap<number, string> }> {
  const [snapshot, excluded, skipped, suggestionsOff] = await Promise.all([
    loadMatchingSnapshot(db, community.id, community.settings.openRelations, now),
    loadExcludedPairs(db, community.id),
    roundId === null ? Promise.resolve(new Set<number>()) : skippedMembers(db, roundId),
    membersWithSuggestionsOff(db, community.id),
  ]);
  const index = new MatchingIndex(snapshot.members);
  return { plan: planRound(index, community.settings.matching.weights, { excluded, skipped, suggestionsOff }), index, skillNames: snapshot.skillNames };
}
