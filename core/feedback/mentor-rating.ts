import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/** Ratings are shown only from this many on, so one harsh or kind rating does not define a mentor. */
export const minRatingsForAverage = 3;

/**
 * A member's rating as a mentor: session ratings and final reviews whose
 * subject was the mentor of that mentorship. Ratings a member received as a
 * mentee are left out (they say nothing about their mentoring). The average
 * is null below {@link minRatingsForAverage} ratings, one decimal otherwise.
 */
export async function mentorRating(db: Kysely<Database>, memberId: number): Promise<{ count: number; average: number | null }> {
  const row = await db
    .selectFrom('feedback as f')
    .innerJoin('mentorships as m', 'm.id', 'f.mentorship_id')
    .where('f.subject_id', '=', memberId)
    .whereRef('m.mentor_id', '=', 'f.subject_id')
    .select([sql<number>`count(*)::int`.as('count'), sql<number | null>`avg(f.rating)::float8`.as('average')])
    .executeTakeFirstOrThrow();
  return { count: row.count, average: row.count >= minRatingsForAverage && row.average !== null ? Math.round(row.average * 10) / 10 : null };
}
