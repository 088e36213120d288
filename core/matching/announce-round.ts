import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { enqueue } from '../outbox/enqueue.js';
import { findNextOpenRound, membersWithSuggestionsOff, skippedMembers } from './matching-round.repository.js';
import { loadMatchingSnapshot } from './matching.repository.js';
import { roundHeadsUpMessage } from './round.reply.js';

/** How long before a round the heads-up goes out. */
export const headsUpHours = 24;

/**
 * The day-before heads-up (a system job): when the community's next round is due within
 * {@link headsUpHours}, each member who would take part gets a DM with a Skip button; not those who
 * skipped already, nor those who turned match suggestions off (rounds leave them out). Safe to run
 * every tick: each member is told once per round (`round:<id>:heads-up:<member>`).
 *
 * @returns how many heads-ups were queued by this call.
 */
export async function announceRound(deps: CoreDeps, actor: Actor, input: { communityId: number }): Promise<Outcome<{ roundId: number | null; queued: number }>> {
  const denied = authorize(actor, 'matching.announce-round');
  if (denied) return denied;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const round = await findNextOpenRound(trx, input.communityId);
    if (!round || round.scheduledFor <= now || round.scheduledFor.getTime() - now.getTime() > headsUpHours * 3_600_000) return ok({ roundId: null, queued: 0 });
    const community = await requireCommunity(trx, input.communityId);
    const [snapshot, skipped, suggestionsOff] = await Promise.all([
      loadMatchingSnapshot(trx, community.id, community.settings.openRelations, now),
      skippedMembers(trx, round.id),
      membersWithSuggestionsOff(trx, community.id),
    ]);
    let queued = 0;
    for (const member of snapshot.members) {
      if (skipped.has(member.memberId) || suggestionsOff.has(member.memberId) || !(member.canMentor || member.canBeMentee)) continue;
      const sides = member.canMentor && member.canBeMentee ? 'a mentor and a mentee' : member.canMentor ? 'a mentor' : 'a mentee';
      const fresh = await enqueue(trx, {
        communityId: community.id,
        kind: 'dm',
        payload: { recipientMemberId: member.memberId, message: roundHeadsUpMessage(round.id, round.scheduledFor, sides) },
        dedupeKey: `round:${round.id}:heads-up:${member.memberId}`,
      });
      if (fresh) queued++;
    }
    return ok({ roundId: round.id, queued });
  });
}
