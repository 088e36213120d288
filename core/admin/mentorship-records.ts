import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import type { ActorKind, DateOnly, FeedbackKind, GoalStatus, MentorshipStatus, SessionKind, SessionStatus } from '../store/database.js';

export const mentorshipStatuses = [
  'PENDING', 'AWAITING_APPROVAL', 'ACCEPTED', 'PAUSED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'CANCELLED', 'COMPLETED',
] as const satisfies readonly MentorshipStatus[];

const mentorshipFilters = z.object({ status: z.enum(mentorshipStatuses, 'Choose a status from the list.').optional() });

export interface MentorshipSummary {
  readonly id: number;
  readonly status: MentorshipStatus;
  readonly description: string;
  readonly mentorName: string | null;
  readonly menteeName: string | null;
  readonly endDate: DateOnly;
  readonly createdAt: Date;
  readonly acceptedAt: Date | null;
  readonly lastActivityAt: Date | null;
}

export const mentorshipListLimit = 200;

/** The community's mentorships and requests, newest first, optionally of one status. */
export async function listMentorships(deps: Pick<CoreDeps, 'db'>, actor: Actor, filters: Record<string, unknown>): Promise<Outcome<{ mentorships: MentorshipSummary[]; status: MentorshipStatus | undefined; truncated: boolean }>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const parsed = mentorshipFilters.safeParse({ status: filters.status === '' ? undefined : filters.status });
  if (!parsed.success) return invalidInput(parsed.error, 'Some filters are not valid.');
  let query = deps.db
    .selectFrom('mentorships as m')
    .leftJoin('members as mentor', 'mentor.id', 'm.mentor_id')
    .leftJoin('members as mentee', 'mentee.id', 'm.mentee_id')
    .select(['m.id', 'm.status', 'm.description', 'm.end_date', 'm.created_at', 'm.accepted_at', 'm.last_activity_at', 'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name'])
    .where('m.community_id', '=', auth.value.communityId);
  if (parsed.data.status) query = query.where('m.status', '=', parsed.data.status);
  const rows = await query.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(mentorshipListLimit + 1).execute();
  return ok({
    status: parsed.data.status,
    truncated: rows.length > mentorshipListLimit,
    mentorships: rows.slice(0, mentorshipListLimit).map((row) => ({
      id: row.id,
      status: row.status,
      description: row.description,
      mentorName: row.mentor_name,
      menteeName: row.mentee_name,
      endDate: row.end_date,
      createdAt: row.created_at,
      acceptedAt: row.accepted_at,
      lastActivityAt: row.last_activity_at,
    })),
  });
}

export interface MentorshipRecord extends MentorshipSummary {
  readonly mentorId: number | null;
  readonly menteeId: number | null;
  readonly pausedUntil: DateOnly | null;
  readonly endedAt: Date | null;
  readonly messageCount: number;
  readonly history: readonly { at: Date; from: MentorshipStatus | null; to: MentorshipStatus; actorKind: ActorKind; actorName: string | null; reason: string | null }[];
  readonly sessions: readonly { id: number; startsAt: Date; durationMinutes: number; kind: SessionKind; status: SessionStatus; agenda: string | null }[];
  readonly goals: readonly { id: number; title: string; status: GoalStatus; dueDate: DateOnly | null; tasksDone: number; tasks: number }[];
  readonly feedback: readonly { id: number; kind: FeedbackKind; rating: number; comment: string | null; authorName: string | null; at: Date }[];
}

/**
 * One mentorship with its history, sessions, goals and feedback. Session
 * notes are private to the pair and stay out; an id of another community is
 * `not-found`, like an id that does not exist.
 */
export async function viewMentorship(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<MentorshipRecord>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const { db } = deps;
  const row = await db
    .selectFrom('mentorships as m')
    .leftJoin('members as mentor', 'mentor.id', 'm.mentor_id')
    .leftJoin('members as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.id', 'm.status', 'm.description', 'm.end_date', 'm.created_at', 'm.accepted_at', 'm.last_activity_at', 'm.mentor_id', 'm.mentee_id',
      'm.paused_until', 'm.ended_at', 'm.message_count', 'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name',
    ])
    .where('m.community_id', '=', auth.value.communityId)
    .where('m.id', '=', input.mentorshipId)
    .executeTakeFirst();
  if (!row) return fail('not-found', 'There is no such mentorship in this community.');

  const [history, sessions, goals, tasks, feedback] = await Promise.all([
    db.selectFrom('mentorship_events as e').leftJoin('members', 'members.id', 'e.actor_member_id')
      .select(['e.created_at', 'e.from_status', 'e.to_status', 'e.actor_kind', 'e.reason', 'members.display_name'])
      .where('e.mentorship_id', '=', row.id).orderBy('e.created_at').orderBy('e.id').execute(),
    db.selectFrom('mentoring_sessions').select(['id', 'starts_at', 'duration_minutes', 'kind', 'status', 'agenda'])
      .where('mentorship_id', '=', row.id).orderBy('starts_at').orderBy('id').execute(),
    db.selectFrom('goals').select(['id', 'title', 'status', 'due_date']).where('mentorship_id', '=', row.id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('tasks').select(['goal_id', 'done_at']).where('mentorship_id', '=', row.id).execute(),
    db.selectFrom('feedback as f').leftJoin('members', 'members.id', 'f.author_id')
      .select(['f.id', 'f.kind', 'f.rating', 'f.comment', 'f.created_at', 'members.display_name'])
      .where('f.mentorship_id', '=', row.id).orderBy('f.created_at').orderBy('f.id').execute(),
  ]);

  return ok({
    id: row.id,
    status: row.status,
    description: row.description,
    mentorName: row.mentor_name,
    menteeName: row.mentee_name,
    mentorId: row.mentor_id,
    menteeId: row.mentee_id,
    endDate: row.end_date,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    lastActivityAt: row.last_activity_at,
    pausedUntil: row.paused_until,
    endedAt: row.ended_at,
    messageCount: row.message_count,
    history: history.map((event) => ({ at: event.created_at, from: event.from_status, to: event.to_status, actorKind: event.actor_kind, actorName: event.display_name, reason: event.reason })),
    sessions: sessions.map((session) => ({ id: session.id, startsAt: session.starts_at, durationMinutes: session.duration_minutes, kind: session.kind, status: session.status, agenda: session.agenda })),
    goals: goals.map((goal) => {
      const own = tasks.filter((task) => task.goal_id === goal.id);
      return { id: goal.id, title: goal.title, status: goal.status, dueDate: goal.due_date, tasks: own.length, tasksDone: own.filter((task) => task.done_at !== null).length };
    }),
    feedback: feedback.map((entry) => ({ id: entry.id, kind: entry.kind, rating: entry.rating, comment: entry.comment, authorName: entry.display_name, at: entry.created_at })),
  });
}
