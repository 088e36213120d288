import type { Kysely } from 'kysely';
import { ForbiddenError } from '../errors.js';
import type { Message } from '../reply.js';
import type { ActorKind, Database, MentorshipStatus } from '../store/database.js';
import { otherParty, openRequestStatuses, runningMentorshipStatuses } from './mentorship.js';
import { listMemberMentorshipsIn } from './mentorship.repository.js';
import { transition, type TransitionActor } from './transitions.js';

export { openRequestStatuses, runningMentorshipStatuses };

export interface EndedMentorship {
  readonly mentorshipId: number;
  readonly otherMemberId: number | null;
  readonly description: string;
  readonly fromStatus: MentorshipStatus;
}

/**
 * Ends every mentorship of one member that is in one of `from`, in the
 * caller's transaction, when the member can no longer take part (erasure,
 * suspension, leaving). Each goes through the state machine: open requests
 * are retracted (WITHDRAWN), running relations cancelled (CANCELLED, their
 * space closed and archived), each recorded in the history with who and why.
 * The other side gets the caller's notice instead of the usual one, which
 * never says why.
 *
 * Dedupe keys are `${noticeKey}:${memberId}:notice:${otherId}:${mentorshipId}`,
 * so running the same effect twice notifies once.
 */
export async function endMemberMentorships(
  db: Kysely<Database>,
  input: {
    communityId: number;
    memberId: number;
    from: readonly MentorshipStatus[];
    to: Extract<MentorshipStatus, 'WITHDRAWN' | 'CANCELLED'>;
    actor: { kind: ActorKind; memberId: number | null };
    reason: string;
    noticeKey: string;
    notice: (ended: EndedMentorship) => Message;
    now: Date;
  },
): Promise<EndedMentorship[]> {
  const actor = transitionActor(input.actor);
  const mentorships = await listMemberMentorshipsIn(db, input.communityId, input.memberId, input.from, { lock: true });
  const ended: EndedMentorship[] = [];
  for (const mentorship of mentorships) {
    const otherMemberId = otherParty(mentorship, input.memberId);
    const item: EndedMentorship = { mentorshipId: mentorship.id, otherMemberId, description: mentorship.description, fromStatus: mentorship.status };
    const notice = otherMemberId === null ? undefined : { to: otherMemberId, message: input.notice(item), dedupeKey: `${input.noticeKey}:${input.memberId}:notice:${otherMemberId}:${mentorship.id}` };
    const done = await transition(db, {
      mentorship,
      action: input.to === 'WITHDRAWN' ? 'retract' : 'cancel',
      actor,
      reason: input.reason,
      now: input.now,
      ...(notice ? { extra: { notice } } : {}),
    });
    // The callers pick statuses and actors the table allows; a refusal is a bug, not a user's mistake.
    if (!done.ok) throw new ForbiddenError(`ending mentorship ${mentorship.id} (${mentorship.status} -> ${input.to}) was refused: ${done.problem.message}`);
    ended.push(item);
  }
  return ended;
}

function transitionActor(actor: { kind: ActorKind; memberId: number | null }): TransitionActor {
  if (actor.kind === 'SYSTEM' || actor.memberId === null) return { kind: 'system' };
  return actor.kind === 'ADMIN' ? { kind: 'admin', memberId: actor.memberId } : { kind: 'member', memberId: actor.memberId };
}
