import type { Kysely, Selectable } from 'kysely';
import type { Database, MentorshipStatus } from '../store/database.js';
import type { MentorshipRecord } from './mentorship.js';

export const mentorshipColumns = [
  'id', 'community_id', 'mentor_id', 'mentee_id', 'sender_id', 'receiver_id', 'status', 'description', 'end_date', 'expires_at', 'paused_until',
  'accepted_at', 'ended_at', 'space_id', 'message_count', 'last_activity_at', 'extension_end_date', 'extension_proposed_by', 'created_at',
] as const;

type MentorshipRow = Pick<Selectable<Database['mentorships']>, (typeof mentorshipColumns)[number]>;

export function toMentorship(row: MentorshipRow): MentorshipRecord {
  return {
    id: row.id,
    communityId: row.community_id,
    mentorId: row.mentor_id,
    menteeId: row.mentee_id,
    senderId: row.sender_id,
    receiverId: row.receiver_id,
    status: row.status,
    description: row.description,
    endDate: row.end_date,
    expiresAt: row.expires_at,
    pausedUntil: row.paused_until,
    acceptedAt: row.accepted_at,
    endedAt: row.ended_at,
    spaceId: row.space_id,
    messageCount: row.message_count,
    lastActivityAt: row.last_activity_at,
    extensionEndDate: row.extension_end_date,
    extensionProposedBy: row.extension_proposed_by,
    createdAt: row.created_at,
  };
}

/**
 * One mentorship of one community; an id from another community answers null,
 * like an id that does not exist. `{ lock: true }` holds the row (FOR UPDATE)
 * until the transaction ends: every transition reads its mentorship this way.
 */
export async function findMentorship(db: Kysely<Database>, communityId: number, id: number, options: { lock?: boolean } = {}): Promise<MentorshipRecord | null> {
  let query = db.selectFrom('mentorships').select(mentorshipColumns).where('community_id', '=', communityId).where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toMentorship(row) : null;
}

/** A member's mentorships in the given statuses, as mentor or mentee, locked when asked. */
export async function listMemberMentorshipsIn(
  db: Kysely<Database>,
  communityId: number,
  memberId: number,
  statuses: readonly MentorshipStatus[],
  options: { lock?: boolean } = {},
): Promise<MentorshipRecord[]> {
  let query = db
    .selectFrom('mentorships')
    .select(mentorshipColumns)
    .where('community_id', '=', communityId)
    .where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)]))
    .where('status', 'in', [...statuses])
    .orderBy('id');
  if (options.lock) query = query.forUpdate();
  return (await query.execute()).map(toMentorship);
}

/** The open mentorship (request or relation) between two members, whoever mentors whom. */
export async function findOpenBetween(db: Kysely<Database>, communityId: number, oneId: number, otherId: number, openStatuses: readonly MentorshipStatus[]): Promise<MentorshipRecord | null> {
  const row = await db
    .selectFrom('mentorships')
    .select(mentorshipColumns)
    .where('community_id', '=', communityId)
    .where((eb) => eb.or([eb.and([eb('mentor_id', '=', oneId), eb('mentee_id', '=', otherId)]), eb.and([eb('mentor_id', '=', otherId), eb('mentee_id', '=', oneId)])]))
    .where('status', 'in', [...openStatuses])
    .executeTakeFirst();
  return row ? toMentorship(row) : null;
}

/** How many mentorships in `statuses` a member has in one role. */
export async function countInRole(db: Kysely<Database>, memberId: number, role: 'mentor' | 'mentee' | 'sender', statuses: readonly MentorshipStatus[]): Promise<number> {
  const column = role === 'mentor' ? 'mentor_id' : role === 'mentee' ? 'mentee_id' : 'sender_id';
  const row = await db
    .selectFrom('mentorships')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where(column, '=', memberId)
    .where('status', 'in', [...statuses])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
