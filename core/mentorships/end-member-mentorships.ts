import { sql, type Kysely } from 'kysely';
import { enqueue } from '../outbox/enqueue.js';
import type { Message } from '../reply.js';
import type { ActorKind, Database, MentorshipStatus } from '../store/database.js';

export interface EndedMentorship {
  readonly mentorshipId: number;
  readonly otherMemberId: number | null;
  readonly description: string;
  readonly fromStatus: MentorshipStatus;
}

/**
 * Moves every mentorship of one member that is in one of `from` to `to`, in
 * the caller's transaction: records each transition (who, why) and queues a
 * notice to the other side. Used when a member can no longer take part
 * (erasure, suspension, leaving). The request state machine of the requests
 * feature should take this over once it exists.
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
  const rows = await db
    .selectFrom('mentorships')
    .select(['id', 'status', 'mentor_id', 'mentee_id', 'description'])
    .where('community_id', '=', input.communityId)
    .where((eb) => eb.or([eb('mentor_id', '=', input.memberId), eb('mentee_id', '=', input.memberId)]))
    .where('status', 'in', [...input.from])
    .forUpdate()
    .execute();
  const ended: EndedMentorship[] = [];
  for (const row of rows) {
    await db
      .updateTable('mentorships')
      .set({ status: input.to, ended_at: input.now, updated_at: input.now, expires_at: sql<Date | null>`null` })
      .where('id', '=', row.id)
      .execute();
    await db
      .insertInto('mentorship_events')
      .values({ mentorship_id: row.id, from_status: row.status, to_status: input.to, actor_kind: input.actor.kind, actor_member_id: input.actor.memberId, reason: input.reason })
      .execute();
    const otherMemberId = row.mentor_id === input.memberId ? row.mentee_id : row.mentor_id;
    const item: EndedMentorship = { mentorshipId: row.id, otherMemberId, description: row.description, fromStatus: row.status };
    if (otherMemberId !== null) {
      await enqueue(db, {
        communityId: input.communityId,
        kind: 'dm',
        payload: { recipientMemberId: otherMemberId, message: input.notice(item) },
        dedupeKey: `${input.noticeKey}:${input.memberId}:notice:${otherMemberId}:${row.id}`,
      });
    }
    ended.push(item);
  }
  return ended;
}

/** Requests not yet answered, including those waiting for an admin. */
export const openRequestStatuses: readonly MentorshipStatus[] = ['PENDING', 'AWAITING_APPROVAL'];
/** Mentorships under way. */
export const runningMentorshipStatuses: readonly MentorshipStatus[] = ['ACCEPTED', 'PAUSED'];
