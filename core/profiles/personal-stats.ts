import { sql, type Kysely } from 'kysely';
import { mentorRating, minRatingsForAverage } from '../feedback/mentor-rating.js';
import type { Database } from '../store/database.js';

export { minRatingsForAverage };

export interface PersonalStats {
  readonly sessionsCompleted: number;
  readonly hoursInSessions: number;
  readonly goalsReached: number;
  /** As a mentor. */
  readonly menteesHelped: number;
  readonly volunteerHours: number;
  /** Ratings received as a mentor. */
  readonly ratingCount: number;
  /** Null below {@link minRatingsForAverage} ratings. */
  readonly averageRating: number | null;
}

/**
 * A member's activity in their mentorships, either side: completed sessions
 * and their hours, goals done; as a mentor, distinct mentees in accepted,
 * paused or completed mentorships and the hours given; and feedback received.
 */
export async function personalStats(db: Kysely<Database>, memberId: number): Promise<PersonalStats> {
  const sessions = await db
    .selectFrom('mentoring_sessions as s')
    .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
    .where('s.status', '=', 'COMPLETED')
    .where((eb) => eb.or([eb('m.mentor_id', '=', memberId), eb('m.mentee_id', '=', memberId)]))
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(s.duration_minutes), 0)::int`.as('minutes'),
      sql<number>`coalesce(sum(s.duration_minutes) filter (where m.mentor_id = ${memberId}), 0)::int`.as('mentorMinutes'),
    ])
    .executeTakeFirstOrThrow();
  const goals = await db
    .selectFrom('goals as g')
    .innerJoin('mentorships as m', 'm.id', 'g.mentorship_id')
    .where('g.status', '=', 'DONE')
    .where((eb) => eb.or([eb('m.mentor_id', '=', memberId), eb('m.mentee_id', '=', memberId)]))
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  const mentees = await db
    .selectFrom('mentorships')
    .where('mentor_id', '=', memberId)
    .where('status', 'in', ['ACCEPTED', 'PAUSED', 'COMPLETED'])
    .select(sql<number>`count(distinct mentee_id)::int`.as('count'))
    .executeTakeFirstOrThrow();
  // As a mentor only, the same reading the feedback feature uses (core/feedback/mentor-rating.ts).
  const ratings = await mentorRating(db, memberId);

  return {
    sessionsCompleted: sessions.count,
    hoursInSessions: toHours(sessions.minutes),
    goalsReached: goals.count,
    menteesHelped: mentees.count,
    volunteerHours: toHours(sessions.mentorMinutes),
    ratingCount: ratings.count,
    averageRating: ratings.average,
  };
}

/** Hours to one decimal: 90 minutes is 1.5. */
function toHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
