import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import { explainReasons } from './explain.js';
import { matchingIndexFor, type MatchingDeps } from './matching-index-cache.js';
import { loadExcludedPairs, loadMatchingSnapshot } from './matching.repository.js';
import { scorePair } from './score.js';
import { memberNames, savePendingSuggestion } from './suggestion.repository.js';
import { shownReasons, suggestionsMessage, type ShownSuggestion } from './suggestion.reply.js';

const input = z.object({
  lookingFor: z.enum(['mentor', 'mentee'], 'Look for a mentor or a mentee.'),
  skillId: z.int().positive().optional(),
  limit: z.int().min(1, 'Ask for at least one suggestion.').max(10, 'Ask for at most 10 suggestions.').optional(),
});

export type FindSuggestionsInput = z.input<typeof input>;

/**
 * The best mentors (or mentees) for the asking member right now, optionally only those who fit on one
 * skill. Each is stored as a PENDING suggestion (refreshed when already open) and shown with its score,
 * its top reasons, a Request button and a Decline button.
 *
 * Candidates come from the community's in-memory index; the asker's own profile and the pairs they must
 * never be offered (declined, worked together or asked before, blocked either way) are read fresh.
 */
export async function findSuggestions(deps: MatchingDeps, actor: Actor, rawInput: FindSuggestionsInput): Promise<Outcome<{ suggestions: ShownSuggestion[]; reply: Message }>> {
  const auth = authorizeMember(actor, 'matching.find-suggestions');
  if (!auth.ok) return auth;
  const parsed = input.safeParse(rawInput);
  if (!parsed.success) return invalidInput(parsed.error);
  const { lookingFor, skillId } = parsed.data;
  const { communityId, memberId } = auth.value;
  const community = await requireCommunity(deps.db, communityId);
  const { matching, openRelations } = community.settings;
  const limit = parsed.data.limit ?? matching.suggestionCount;
  const now = deps.clock.now();

  const own = await loadMatchingSnapshot(deps.db, communityId, openRelations, now, { onlyMemberId: memberId });
  const self = own.members[0];
  if (!self) return fail('wrong-state', 'Finish your profile first: matching uses your skills, timezone and availability.');
  const ownSkills = lookingFor === 'mentor' ? self.seeks : self.offers;
  if (ownSkills.size === 0) {
    return fail('wrong-state', lookingFor === 'mentor' ? 'Add skills you want to learn to your profile first.' : 'Add skills you offer to your profile first, as a mentor.');
  }
  if (skillId !== undefined && !ownSkills.has(skillId)) {
    return fail('invalid-input', `That skill is not among the skills you ${lookingFor === 'mentor' ? 'want to learn' : 'offer'}; add it to your profile first.`, [
      { field: 'skillId', message: 'Pick one of your own skills.' },
    ]);
  }
  if (lookingFor === 'mentor' && !self.canBeMentee) {
    return fail('limit-reached', `You already have ${openRelations.perMentee === 1 ? 'an open mentorship' : `${openRelations.perMentee} open mentorships`} as a mentee, the most this community allows.`);
  }
  if (lookingFor === 'mentee' && self.spareSeats === 0) {
    return fail('limit-reached', 'You have no free seat for a mentee right now (full, or not taking mentees for a while). Change your capacity or pause in your profile.');
  }

  const [excluded, { index }] = await Promise.all([loadExcludedPairs(deps.db, communityId, memberId), matchingIndexFor(deps, communityId, openRelations)]);
  const query = { limit, exclude: excluded.of(memberId), ...(skillId !== undefined ? { onlySkillId: skillId } : {}) };
  const candidates = lookingFor === 'mentor' ? index.bestMentorsFor(self, matching.weights, query) : index.bestMenteesFor(self, matching.weights, query);

  const scored = candidates.flatMap((candidate) => {
    const other = index.member(candidate.memberId)!;
    const [mentor, mentee] = lookingFor === 'mentor' ? [other, self] : [self, other];
    const pair = scorePair(mentor, mentee, matching.weights, skillId);
    return pair ? [{ memberId: candidate.memberId, mentorId: mentor.memberId, menteeId: mentee.memberId, ...pair }] : [];
  });
  const perspective = lookingFor === 'mentor' ? 'mentee' : 'mentor';
  const skillName = (id: number) => own.skillNames.get(id) ?? 'a skill';

  const suggestions = await deps.db.transaction().execute(async (trx) => {
    const shown: ShownSuggestion[] = [];
    for (const pair of scored) {
      const suggestionId = await savePendingSuggestion(trx, { communityId, mentorId: pair.mentorId, menteeId: pair.menteeId, score: pair.score, reasons: pair.reasons, roundId: null });
      const explanation = explainReasons(pair.reasons, { perspective, skillName, limit: shownReasons });
      shown.push({ suggestionId, memberId: pair.memberId, score: pair.score, reasons: pair.reasons, explanation });
    }
    return shown;
  });
  const names = await memberNames(deps.db, communityId, suggestions.map((suggestion) => suggestion.memberId));
  return ok({ suggestions, reply: suggestionsMessage(lookingFor, suggestions, names) });
}
