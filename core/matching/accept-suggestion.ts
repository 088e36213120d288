import type { Kysely } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Database } from '../store/database.js';
import { explainReasons } from './explain.js';
import { findOwnSuggestion, skillNames } from './suggestion.repository.js';

/** What the request form opens with after a suggestion is accepted. */
export interface RequestPrefill {
  readonly suggestionId: number;
  /** The member the request goes to. */
  readonly otherMemberId: number;
  readonly mentorId: number;
  readonly menteeId: number;
  /** The asker's side of the mentorship. */
  readonly actorRole: 'MENTOR' | 'MENTEE';
  /** A first line for the description, from the pair's skills: the person edits it before sending. */
  readonly descriptionSeed: string;
  readonly roundId: number | null;
}

/**
 * Either side accepts a suggestion: the answer is what the request form needs prefilled (who mentors
 * whom, a description to start from). It only reads, since it runs before a form opens (Discord allows
 * three seconds); the suggestion is marked ACCEPTED when the request is sent ({@link acceptPairSuggestions}),
 * so a form closed without sending leaves it open to decline, and accepting again gives the same prefill.
 */
export async function acceptSuggestion(deps: CoreDeps, actor: Actor, input: { suggestionId: number }): Promise<Outcome<RequestPrefill>> {
  const auth = authorizeMember(actor, 'matching.accept-suggestion');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const suggestion = await findOwnSuggestion(deps.db, communityId, input.suggestionId, memberId);
  if (!suggestion) return fail('not-found', 'That suggestion is not one of yours.');
  if (suggestion.status === 'DECLINED') return fail('wrong-state', 'This suggestion was declined, so the pair is no longer suggested.');
  const actorRole = suggestion.mentorId === memberId ? 'MENTOR' : 'MENTEE';
  const otherMemberId = actorRole === 'MENTOR' ? suggestion.menteeId : suggestion.mentorId;
  const [other, names] = await Promise.all([findMember(deps.db, communityId, otherMemberId), skillNames(deps.db, communityId)]);
  if (!other || other.status !== 'ACTIVE' || other.erasedAt !== null) return fail('wrong-state', 'This member no longer takes part in matching.');

  const skills = suggestion.reasons.flatMap((reason) => (reason.kind === 'skill' ? [names.get(reason.skillId) ?? 'a skill'] : []));
  const focus = skills.length > 0 ? skills.join(', ') : 'the skills we share';
  const why = explainReasons(suggestion.reasons, { perspective: 'admin', skillName: (id) => names.get(id) ?? 'a skill', limit: 3 }).join('; ');
  const descriptionSeed = `${actorRole === 'MENTEE' ? 'I would like your mentoring' : 'I would like to mentor you'} on ${focus}. Suggested because: ${why}.`;
  return ok({ suggestionId: suggestion.id, otherMemberId, mentorId: suggestion.mentorId, menteeId: suggestion.menteeId, actorRole, descriptionSeed, roundId: suggestion.roundId });
}

/**
 * A request between two members answers the suggestions of that pair (either way round, from a round
 * or from find): the pending ones become ACCEPTED, in the request's transaction. Repeating it changes
 * nothing, and a declined suggestion stays declined.
 */
export async function acceptPairSuggestions(db: Kysely<Database>, input: { communityId: number; memberIds: readonly [number, number]; now: Date }): Promise<void> {
  const [first, second] = input.memberIds;
  await db
    .updateTable('suggestions')
    .set({ status: 'ACCEPTED', responded_at: input.now })
    .where('community_id', '=', input.communityId)
    .where('status', '=', 'PENDING')
    .where((eb) => eb.or([
      eb.and([eb('mentor_id', '=', first), eb('mentee_id', '=', second)]),
      eb.and([eb('mentor_id', '=', second), eb('mentee_id', '=', first)]),
    ]))
    .execute();
}
