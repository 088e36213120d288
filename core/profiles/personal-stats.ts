import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/** Ratings are shown only from this many on, so one harsh or kind rating does not define a mentor. */
export const minRatingsForAverage = 3;

export interface PersonalStats {
  readonly sessionsCompleted: number;
  readonly hoursInSessions: number;
  readonly goalsReached: number;
  /** As a mentor. */
  readonly menteesHelped: number;
  readonly volunteerHours: number;
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
  const ratings = await db
    .selectFrom('feedback')
    .where('subject_id', '=', memberId)
    .select([sql<number>`count(*)::int`.as('count'), sql<number | null>`avg(rating)::float8`.as('average')])
    .executeTakeFirstOrThrow();

  return {
    sessionsCompleted: sessions.count,
    hoursInSessions: toHours(sessions.minutes),
    goalsReached: goals.count,
    menteesHelped: mentees.count,
    volunteerHours: toHours(sessions.mentorMinutes),
    ratingCount: ratings.count,
    averageRating: ratings.count >= minRatingsForAverage && ratings.average !== null ? Math.round(ratings.average * 10) / 10 : null,
  };
}

/** Hours to one decimal: 90 minutes is 1.5. */
function toHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
