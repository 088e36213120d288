import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { UseCaseName } from '../access/policy.js';
import { requireCommunity, type CommunityProfile } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Failure, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import type { MentorshipStatus } from '../store/database.js';
import { isParty, type MentorshipRecord } from './mentorship.js';
import type { MentorshipAction } from './transition-table.js';
import { lockMentorship, transition, type TransitionInput } from './transitions.js';

/** What a member's action on a mentorship answers: its new status and a reply for the person. */
export interface MentorshipChange {
  readonly mentorshipId: number;
  readonly status: MentorshipStatus;
  readonly reply: Message;
}

/**
 * The shape every member and admin action on one mentorship shares:
 * authorize, lock, check it is theirs (a member sees only their own
 * mentorships; anything else is not found, like another community's id),
 * run any input check that needs the mentorship, transition, answer.
 */
export async function actOnMentorship(
  deps: CoreDeps,
  actor: Actor,
  input: {
    useCase: UseCaseName;
    mentorshipId: number;
    action: MentorshipAction;
    /** Admin use cases act as admins, whatever their relation to the mentorship. */
    asAdmin?: boolean;
    reason?: string | null;
    extra?: TransitionInput['extra'];
    check?: (mentorship: MentorshipRecord, community: CommunityProfile, now: Date) => Failure | null;
    done: string;
  },
): Promise<Outcome<MentorshipChange>> {
  const auth = authorizeMember(actor, input.useCase);
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Ids come from buttons and selects; a malformed one reads as a mentorship that does not exist.
    const mentorship = Number.isSafeInteger(input.mentorshipId) && input.mentorshipId > 0 ? await lockMentorship(trx, communityId, input.mentorshipId) : null;
    if (!mentorship || (!input.asAdmin && !isParty(mentorship, memberId))) return fail('not-found', 'That request or mentorship does not exist, or is not yours.');
    const refused = input.check?.(mentorship, await requireCommunity(trx, communityId), now);
    if (refused) return refused;
    const done = await transition(trx, {
      mentorship,
      action: input.action,
      actor: input.asAdmin ? { kind: 'admin', memberId } : { kind: 'member', memberId },
      reason: input.reason ?? null,
      now,
      ...(input.extra ? { extra: input.extra } : {}),
    });
    if (!done.ok) return done;
    return ok({ mentorshipId: mentorship.id, status: done.value.to, reply: privateMessage([input.done]) });
  });
}
