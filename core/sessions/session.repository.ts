import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../store/database.js';
import { slotHoldingStatuses, type SessionRecord } from './session.js';

const columns = [
  's.id', 's.mentorship_id', 's.proposed_by', 's.status', 's.kind', 's.starts_at', 's.duration_minutes', 's.agenda', 's.location', 's.notes_encrypted',
  's.calendar_sequence', 's.change_reason', 's.reminded_day_before_at', 's.reminded_hour_before_at',
] as const;

type SessionRow = Pick<
  Selectable<Database['mentoring_sessions']>,
  | 'id' | 'mentorship_id' | 'proposed_by' | 'status' | 'kind' | 'starts_at' | 'duration_minutes' | 'agenda' | 'location' | 'notes_encrypted'
  | 'calendar_sequence' | 'change_reason' | 'reminded_day_before_at' | 'reminded_hour_before_at'
>;

export function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    mentorshipId: row.mentorship_id,
    proposedBy: row.proposed_by,
    status: row.status,
    kind: row.kind,
    startsAt: row.starts_at,
    durationMinutes: row.duration_minutes,
    agenda: row.agenda,
    location: row.location,
    notesSealed: row.notes_encrypted,
    calendarSequence: row.calendar_sequence,
    changeReason: row.change_reason,
    advanceRemindersHandledAt: row.reminded_day_before_at,
    hourReminderHandledAt: row.reminded_hour_before_at,
  };
}

/**
 * One session of one community (through its mentorship); another
 * community's id answers null. `{ lock: true }` holds the row until the
 * transaction ends.
 */
export async function findSession(db: Kysely<Database>, communityId: number, id: number, options: { lock?: boolean } = {}): Promise<SessionRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  let query = db
    .selectFrom('mentoring_sessions as s')
    .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
    .select(columns)
    .where('m.community_id', '=', communityId)
    .where('s.id', '=', id);
  if (options.lock) query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A mentorship's sessions, by start. */
export async function listMentorshipSessions(db: Kysely<Database>, mentorshipId: number): Promise<SessionRecord[]> {
  const rows = await db.selectFrom('mentoring_sessions as s').select(columns).where('s.mentorship_id', '=', mentorshipId).orderBy('s.starts_at').orderBy('s.id').execute();
  return rows.map(toSession);
}

/**
 * The first proposed or confirmed session of any of `memberIds` (in any of
 * their mentorships) that overlaps [start, end), other than `exceptId`.
 * Callers hold both members' rows locked, so two proposals cannot both pass.
 */
export async function findOverlappingSession(
  db: Kysely<Database>,
  input: { memberIds: readonly number[]; start: Date; end: Date; exceptId?: number },
): Promise<(SessionRecord & { memberIds: number[] }) | null> {
  let query = db
    .selectFrom('mentoring_sessions as s')
    .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
    .select([...columns, 'm.mentor_id', 'm.mentee_id'])
    .where('s.status', 'in', [...slotHoldingStatuses])
    .where((eb) => eb.or([eb('m.mentor_id', 'in', [...input.memberIds]), eb('m.mentee_id', 'in', [...input.memberIds])]))
    .where('s.starts_at', '<', input.end)
    .where(sql<Date>`s.starts_at + s.duration_minutes * interval '1 minute'`, '>', input.start)
    .orderBy('s.starts_at')
    .limit(1);
  if (input.exceptId !== undefined) query = query.where('s.id', '!=', input.exceptId);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return { ...toSession(row), memberIds: [row.mentor_id, row.mentee_id].filter((id): id is number => id !== null && input.memberIds.includes(id)) };
}

/**
 * The outbox key of one reminder to one member. The hours ahead and the
 * calendar sequence are part of it, so a reminder is never queued twice, a
 * changed reminder setting makes new times new reminders, and a moved
 * session is reminded again at its new time.
 */
export function reminderDedupeKey(input: { sessionId: number; hoursBefore: number; calendarSequence: number; memberId: number }): string {
  return `session:${input.sessionId}:reminder:${input.hoursBefore}h:${input.calendarSequence}:${input.memberId}`;
}

/**
 * Drops a community's reminders still waiting in the outbox (not yet claimed
 * by a dispatcher) whose time is no longer one of `hoursBefore`: an owner who
 * takes a reminder time away is not contradicted by one queued earlier (a
 * reminder deferred past quiet hours can wait for hours).
 */
export async function withdrawRemindersNotAt(db: Kysely<Database>, communityId: number, hoursBefore: readonly number[]): Promise<number> {
  const kept = hoursBefore.map((hours) => `${hours}h`);
  const deleted = await db
    .deleteFrom('outbox')
    .where('community_id', '=', communityId)
    .where('dedupe_key', 'like', 'session:%:reminder:%')
    .$if(kept.length > 0, (query) => query.where(sql<string>`split_part(dedupe_key, ':', 4)`, 'not in', kept))
    .where('status', '=', 'PENDING')
    .where('locked_by', 'is', null)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Drops reminders of a session still waiting in the outbox (not yet claimed by
 * a dispatcher), so a moved or cancelled session is never announced at its
 * old time. Their dedupe keys name the sequence, so the new time's reminders
 * are queued afresh.
 */
export async function withdrawPendingReminders(db: Kysely<Database>, sessionId: number): Promise<void> {
  await db
    .deleteFrom('outbox')
    .where('dedupe_key', 'like', `session:${sessionId}:reminder:%`)
    .where('status', '=', 'PENDING')
    .where('locked_by', 'is', null)
    .execute();
}
