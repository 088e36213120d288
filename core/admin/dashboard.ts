import { sql } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { countUnresolvedReports } from '../reports/report.repository.js';
import { programFunnel, sessionsPerWeek, type ProgramFunnel, type WeekCount } from './dashboard-trends.js';

const day = 86_400_000;

export interface SkillSupply {
  readonly skillId: number;
  readonly name: string;
  /** Active members who offer the skill. */
  readonly mentors: number;
  /** Active members who want to learn it. */
  readonly seekers: number;
}

export interface Dashboard {
  readonly activeMentorships: number;
  readonly pausedMentorships: number;
  /** Requests waiting for the receiver (PENDING) and for an admin (AWAITING_APPROVAL). */
  readonly pendingRequests: number;
  readonly awaitingApproval: number;
  readonly membersAwaitingApproval: number;
  readonly newMembers30Days: number;
  /** Sessions (not cancelled) starting in the current week, Monday to Sunday in the community's timezone. */
  readonly sessionsThisWeek: number;
  /** Accepted among answered requests (accepted or rejected); null before any answer. */
  readonly acceptanceRate: number | null;
  /** Completed sessions per mentorship that ever started; null before the first one. */
  readonly averageSessionsPerMentorship: number | null;
  readonly averageRating: number | null;
  readonly ratings: number;
  /** Running pairs with no activity for the silent-pair setting's days (or none at all). */
  readonly silentPairs: number;
  readonly silentPairDays: number;
  /** Skills more members want than offer, biggest gap first. */
  readonly skillsShortOfMentors: readonly SkillSupply[];
  /** Every active skill someone offers or wants, for the supply and demand chart. */
  readonly skillSupply: readonly SkillSupply[];
  /** Mentorships started (accepted) per month, the last 12 months, oldest first; month is 'YYYY-MM'. */
  readonly startedPerMonth: readonly { month: string; count: number }[];
  /** Sessions (not cancelled) per week, the last 12 weeks, oldest first, this week last. */
  readonly sessionsPerWeek: readonly WeekCount[];
  readonly funnel: ProgramFunnel;
  /** Reports waiting for an admin, and being handled; reports about the viewing admin are not counted. */
  readonly openReports: number;
  readonly reportsInReview: number;
}

/** The numbers on the admin dashboard, all scoped to the actor's community. */
export async function viewDashboard(deps: CoreDeps, actor: Actor): Promise<Outcome<Dashboard>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const { communityId } = auth.value;
  const { db } = deps;
  const now = deps.clock.now();
  const community = await requireCommunity(db, communityId);
  const silentPairDays = community.settings.reminders.silentPairDays;

  const mentorships = await db
    .selectFrom('mentorships')
    .select([
      sql<number>`count(*) filter (where status = 'ACCEPTED')::int`.as('active'),
      sql<number>`count(*) filter (where status = 'PAUSED')::int`.as('paused'),
      sql<number>`count(*) filter (where status = 'PENDING')::int`.as('pending'),
      sql<number>`count(*) filter (where status = 'AWAITING_APPROVAL')::int`.as('awaiting'),
      sql<number>`count(*) filter (where accepted_at is not null)::int`.as('started'),
      sql<number>`count(*) filter (where status = 'REJECTED')::int`.as('rejected'),
      sql<number>`count(*) filter (where status = 'ACCEPTED' and (last_activity_at is null or last_activity_at < ${new Date(now.getTime() - silentPairDays * day)}))::int`.as('silent'),
    ])
    .where('community_id', '=', communityId)
    .executeTakeFirstOrThrow();

  const members = await db
    .selectFrom('members')
    .select([
      sql<number>`count(*) filter (where joined_at >= ${new Date(now.getTime() - 30 * day)})::int`.as('recent'),
      sql<number>`count(*) filter (where status = 'PENDING_APPROVAL')::int`.as('awaiting'),
    ])
    .where('community_id', '=', communityId)
    .where('erased_at', 'is', null)
    .executeTakeFirstOrThrow();

  // The week starts on Monday at midnight where the community lives.
  const weekStart = sql<Date>`date_trunc('week', ${now}::timestamptz at time zone ${community.timezone}) at time zone ${community.timezone}`;
  const sessions = await db
    .selectFrom('mentoring_sessions as s')
    .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
    .select([
      sql<number>`count(*) filter (where s.status <> 'CANCELLED' and s.starts_at >= ${weekStart} and s.starts_at < ${weekStart} + interval '7 days')::int`.as('thisWeek'),
      sql<number>`count(*) filter (where s.status = 'COMPLETED')::int`.as('completed'),
    ])
    .where('m.community_id', '=', communityId)
    .executeTakeFirstOrThrow();

  const ratings = await db
    .selectFrom('feedback as f')
    .innerJoin('mentorships as m', 'm.id', 'f.mentorship_id')
    .select([sql<number>`count(*)::int`.as('count'), sql<number | null>`avg(f.rating)::float8`.as('average')])
    .where('m.community_id', '=', communityId)
    .executeTakeFirstOrThrow();

  const skillSupply = await listSkillSupply(deps, communityId);

  const months = await db
    .selectFrom('mentorships')
    .select([sql<string>`to_char(date_trunc('month', accepted_at at time zone ${community.timezone}), 'YYYY-MM')`.as('month'), sql<number>`count(*)::int`.as('count')])
    .where('community_id', '=', communityId)
    .where('accepted_at', '>=', new Date(now.getTime() - 366 * day))
    .groupBy('month')
    .execute();
  const perMonth = new Map(months.map((row) => [row.month, row.count]));

  const reports = await countUnresolvedReports(db, communityId, auth.value.memberId);

  const answered = mentorships.started + mentorships.rejected;
  return ok({
    activeMentorships: mentorships.active,
    pausedMentorships: mentorships.paused,
    pendingRequests: mentorships.pending,
    awaitingApproval: mentorships.awaiting,
    membersAwaitingApproval: members.awaiting,
    newMembers30Days: members.recent,
    sessionsThisWeek: sessions.thisWeek,
    acceptanceRate: answered === 0 ? null : mentorships.started / answered,
    averageSessionsPerMentorship: mentorships.started === 0 ? null : sessions.completed / mentorships.started,
    averageRating: ratings.average,
    ratings: ratings.count,
    silentPairs: mentorships.silent,
    silentPairDays,
    skillsShortOfMentors: skillSupply.filter((skill) => skill.seekers > skill.mentors).sort((a, b) => b.seekers - b.mentors - (a.seekers - a.mentors) || a.name.localeCompare(b.name)),
    skillSupply,
    startedPerMonth: lastMonths(now, community.timezone, 12).map((month) => ({ month, count: perMonth.get(month) ?? 0 })),
    sessionsPerWeek: await sessionsPerWeek(db, community, now),
    funnel: await programFunnel(db, communityId),
    openReports: reports.open,
    reportsInReview: reports.inReview,
  });
}

async function listSkillSupply(deps: CoreDeps, communityId: number): Promise<SkillSupply[]> {
  const rows = await deps.db
    .selectFrom('skills')
    .leftJoin('member_skills as ms', 'ms.skill_id', 'skills.id')
    .leftJoin('members', (join) => join.onRef('members.id', '=', 'ms.member_id').on('members.status', '=', 'ACTIVE').on('members.erased_at', 'is', null))
    .select([
      'skills.id',
      'skills.name',
      sql<number>`count(members.id) filter (where ms.direction = 'OFFER')::int`.as('mentors'),
      sql<number>`count(members.id) filter (where ms.direction = 'SEEK')::int`.as('seekers'),
    ])
    .where('skills.community_id', '=', communityId)
    .where('skills.archived_at', 'is', null)
    .groupBy(['skills.id', 'skills.name'])
    .orderBy('skills.name')
    .execute();
  return rows.filter((row) => row.mentors + row.seekers > 0).map((row) => ({ skillId: row.id, name: row.name, mentors: row.mentors, seekers: row.seekers }));
}

/** The last `count` calendar months in the time zone, oldest first, as 'YYYY-MM'. */
export function lastMonths(now: Date, timeZone: string, count: number): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  let year = Number(parts.find((part) => part.type === 'year')?.value);
  let month = Number(parts.find((part) => part.type === 'month')?.value);
  const months: string[] = [];
  for (let index = 0; index < count; index++) {
    months.unshift(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}
