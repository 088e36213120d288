import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { explainReasons } from './explain.js';
import { answerSuggestion, findOwnSuggestion, skillNames } from './suggestion.repository.js';

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
 * Either side accepts a suggestion: it is marked ACCEPTED and the answer is what the request form needs
 * prefilled (who mentors whom, a description to start from). Accepting again gives the same prefill, so
 * a form closed by mistake can be reopened. Sending the request is the request feature's job.
 */
export async function acceptSuggestion(deps: CoreDeps, actor: Actor, input: { suggestionId: number }): Promise<Outcome<RequestPrefill>> {
  const auth = authorizeMember(actor, 'matching.accept-suggestion');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  return deps.db.transaction().execute(async (trx) => {
    const suggestion = await findOwnSuggestion(trx, communityId, input.suggestionId, memberId, { lock: true });
    if (!suggestion) return fail('not-found', 'That suggestion is not one of yours.');
    if (suggestion.status === 'DECLINED') return fail('wrong-state', 'This suggestion was declined, so the pair is no longer suggested.');
    const actorRole = suggestion.mentorId === memberId ? 'MENTOR' : 'MENTEE';
    const otherMemberId = actorRole === 'MENTOR' ? suggestion.menteeId : suggestion.mentorId;
    const other = await findMember(trx, communityId, otherMemberId);
    if (!other || other.status !== 'ACTIVE' || other.erasedAt !== null) return fail('wrong-state', 'This member no longer takes part in matching.');
    if (suggestion.status === 'PENDING') await answerSuggestion(trx, suggestion.id, 'ACCEPTED', memberId, deps.clock.now());

    const names = await skillNames(trx, communityId);
    const skills = suggestion.reasons.flatMap((reason) => (reason.kind === 'skill' ? [names.get(reason.skillId) ?? 'a skill'] : []));
    const focus = skills.length > 0 ? skills.join(', ') : 'the skills we share';
    const why = explainReasons(suggestion.reasons, { perspective: 'admin', skillName: (id) => names.get(id) ?? 'a skill', limit: 3 }).join('; ');
    const descriptionSeed = `${actorRole === 'MENTEE' ? 'I would like your mentoring' : 'I would like to mentor you'} on ${focus}. Suggested because: ${why}.`;
    return ok({ suggestionId: suggestion.id, otherMemberId, mentorId: suggestion.mentorId, menteeId: suggestion.menteeId, actorRole, descriptionSeed, roundId: suggestion.roundId });
  });
}
