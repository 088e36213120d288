import type { Actor } from '../access/actor.js';
import { authorizeMember } from '../access/authorize.js';
import { findSuggestions } from '../matching/find-suggestions.js';
import type { MatchingDeps } from '../matching/matching-index-cache.js';
import type { ShownSuggestion } from '../matching/suggestion.reply.js';
import { findMember } from '../members/member.repository.js';
import { ok, type Failure, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';

export type LookingFor = 'mentor' | 'mentee';

/**
 * Suggestions for a member who did not say whom they look for: a mentee
 * looks for mentors, a mentor for mentees, and someone who does both for
 * mentors first, then for mentees when looking for mentors cannot work (no
 * skills wanted, already mentored as much as allowed, a skill they only
 * offer); the first way's problem is the answer when neither works. Said
 * explicitly, it is {@link findSuggestions} as it is.
 */
export async function suggestionsForMember(
  deps: MatchingDeps,
  actor: Actor,
  input: { lookingFor?: LookingFor | undefined; skillId?: number | undefined; limit?: number | undefined },
): Promise<Outcome<{ lookingFor: LookingFor; suggestions: ShownSuggestion[]; reply: Message }>> {
  const auth = authorizeMember(actor, 'matching.find-suggestions');
  if (!auth.ok) return auth;
  const order = input.lookingFor ? [input.lookingFor] : await defaultOrder(deps, auth.value.communityId, auth.value.memberId);
  const query = { ...(input.skillId !== undefined ? { skillId: input.skillId } : {}), ...(input.limit !== undefined ? { limit: input.limit } : {}) };
  let first: Failure | null = null;
  for (const lookingFor of order) {
    const found = await findSuggestions(deps, actor, { lookingFor, ...query });
    if (found.ok) return ok({ lookingFor, ...found.value });
    first ??= found;
  }
  return first!;
}

async function defaultOrder(deps: MatchingDeps, communityId: number, memberId: number): Promise<LookingFor[]> {
  const member = await findMember(deps.db, communityId, memberId);
  switch (member?.mentorshipRole) {
    case 'MENTOR':
      return ['mentee'];
    case 'MENTEE':
      return ['mentor'];
    default:
      return ['mentor', 'mentee'];
  }
}
