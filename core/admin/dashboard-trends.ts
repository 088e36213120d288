import { sql, type Kysely } from 'kysely';
import { addDaysTo, localToday } from '../mentorships/calendar.js';
import type { Database, DateOnly } from '../store/database.js';

/**
 * The dashboard's two newer charts, kept apart from its counters: sessions
 * week by week, and how far members get through the program. Both are
 * scoped to one community; `viewDashboard` has authorized the admin.
 */

export interface WeekCount {
  /** The Monday the week starts on, in the community's timezone. */
  readonly week: DateOnly;
  readonly count: number;
}

/**
 * Sessions (not cancelled) starting in each of the last `weeks` weeks,
 * Monday to Sunday in the community's timezone, this week included and last,
 * so its count is the dashboard's "sessions this week".
 */
export async function sessionsPerWeek(db: Kysely<Database>, community: { id: number; timezone: string }, now: Date, weeks = 12): Promise<WeekCount[]> {
  const today = localToday(now, community.timezone);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const thisMonday = addDaysTo(today, 1 - weekday);
  const mondays = Array.from({ length: weeks }, (_, index) => addDaysTo(thisMonday, -7 * (weeks - 1 - index)));
  const localStart = sql<Date>`s.starts_at at time zone ${community.timezone}`;
  const rows = await db
    .selectFrom('mentoring_sessions as s')
    .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
    .select([sql<string>`to_char(date_trunc('week', ${localStart}), 'YYYY-MM-DD')`.as('week'), sql<number>`count(*)::int`.as('count')])
    .where('m.community_id', '=', community.id)
    .where('s.status', '<>', 'CANCELLED')
    .where(localStart, '>=', sql<Date>`${mondays[0]!}::timestamp`)
    .where(localStart, '<', sql<Date>`${addDaysTo(thisMonday, 7)}::timestamp`)
    .groupBy('week')
    .execute();
  const byWeek = new Map(rows.map((row) => [row.week, row.count]));
  return mondays.map((week) => ({ week, count: byWeek.get(week) ?? 0 }));
}

/**
 * How far members get, each stage counting the members who reached it and
 * every stage before it: onboarded; matched (in a mentorship that started);
 * held a first session (one marked completed); completed a mentorship.
 * Erased members are left out, members who left are not: this is history.
 */
export interface ProgramFunnel {
  readonly onboarded: number;
  readonly matched: number;
  readonly firstSession: number;
  readonly completed: number;
}

export async function programFunnel(db: Kysely<Database>, communityId: number): Promise<ProgramFunnel> {
  const inMentorship = (condition: ReturnType<typeof sql>) =>
    sql<boolean>`exists (select 1 from mentorships x where x.community_id = members.community_id and (x.mentor_id = members.id or x.mentee_id = members.id) and ${condition})`;
  const started = inMentorship(sql`x.accepted_at is not null`);
  const heldSession = inMentorship(sql`exists (select 1 from mentoring_sessions s where s.mentorship_id = x.id and s.status = 'COMPLETED')`);
  const completed = inMentorship(sql`x.status = 'COMPLETED'`);
  const row = await db
    .selectFrom('members')
    .select([
      sql<number>`count(*)::int`.as('onboarded'),
      sql<number>`count(*) filter (where ${started})::int`.as('matched'),
      sql<number>`count(*) filter (where ${started} and ${heldSession})::int`.as('firstSession'),
      sql<number>`count(*) filter (where ${started} and ${heldSession} and ${completed})::int`.as('completed'),
    ])
    .where('community_id', '=', communityId)
    .where('erased_at', 'is', null)
    .where('onboarded_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return { onboarded: row.onboarded, matched: row.matched, firstSession: row.firstSession, completed: row.completed };
}
