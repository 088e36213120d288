import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/**
 * Reads for the data export: every row about one member's activity, with
 * explicit columns. Encrypted free text (session notes, report details) stays
 * out: only the feature that owns the key can read it back.
 */
export async function readMemberActivity(db: Kysely<Database>, communityId: number, memberId: number) {
  const mentorships = await db
    .selectFrom('mentorships as m')
    .leftJoin('members as mentor', 'mentor.id', 'm.mentor_id')
    .leftJoin('members as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.id', 'm.status', 'm.description', 'm.end_date', 'm.paused_until', 'm.created_at', 'm.accepted_at', 'm.ended_at',
      'm.mentor_id', 'm.sender_id', 'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name',
    ])
    .where('m.community_id', '=', communityId)
    .where((eb) => eb.or([eb('m.mentor_id', '=', memberId), eb('m.mentee_id', '=', memberId)]))
    .orderBy('m.created_at')
    .execute();
  const ids = mentorships.map((row) => row.id);
  const inMentorships = ids.length > 0 ? ids : [-1];

  const events = await db
    .selectFrom('mentorship_events')
    .select(['mentorship_id', 'from_status', 'to_status', 'actor_kind', 'reason', 'created_at'])
    .where('mentorship_id', 'in', inMentorships)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const sessions = await db
    .selectFrom('mentoring_sessions')
    .select(['id', 'mentorship_id', 'status', 'kind', 'starts_at', 'duration_minutes', 'agenda', 'location', 'change_reason', 'created_at'])
    .where('mentorship_id', 'in', inMentorships)
    .orderBy('starts_at')
    .execute();
  const goals = await db
    .selectFrom('goals')
    .select(['id', 'mentorship_id', 'title', 'description', 'due_date', 'status', 'completed_at', 'created_at'])
    .where('mentorship_id', 'in', inMentorships)
    .orderBy('created_at')
    .execute();
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'mentorship_id', 'goal_id', 'title', 'assignee_role', 'priority', 'due_date', 'done_at', 'created_at'])
    .where('mentorship_id', 'in', inMentorships)
    .orderBy('created_at')
    .execute();
  const feedback = await db
    .selectFrom('feedback')
    .select(['id', 'mentorship_id', 'session_id', 'author_id', 'subject_id', 'kind', 'rating', 'comment', 'went_well', 'testimonial', 'testimonial_public', 'created_at'])
    .where((eb) => eb.or([eb('author_id', '=', memberId), eb('subject_id', '=', memberId)]))
    .orderBy('created_at')
    .execute();
  // Only reports this member made: reports about them stay with the admins, and their reporters stay anonymous.
  const reportsMade = await db
    .selectFrom('reports')
    .select(['id', 'category', 'status', 'mentorship_id', 'resolution_message', 'created_at', 'resolved_at'])
    .where('community_id', '=', communityId)
    .where('reporter_id', '=', memberId)
    .orderBy('created_at')
    .execute();
  const suggestions = await db
    .selectFrom('suggestions as s')
    .leftJoin('members as mentor', 'mentor.id', 's.mentor_id')
    .leftJoin('members as mentee', 'mentee.id', 's.mentee_id')
    .select(['s.id', 's.mentor_id', 's.status', 's.reasons', 's.created_at', 's.responded_at', 'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name'])
    .where('s.community_id', '=', communityId)
    .where((eb) => eb.or([eb('s.mentor_id', '=', memberId), eb('s.mentee_id', '=', memberId)]))
    .orderBy('s.created_at')
    .execute();
  return { mentorships, events, sessions, goals, tasks, feedback, reportsMade, suggestions };
}
