import type { Kysely } from 'kysely';
import type { InteractionId } from '../interaction-ids.js';
import type { Database, Platform } from '../store/database.js';

/** Which table an id's first argument names, by `area:action` (or by area for all its actions). */
type Subject = 'mentorship' | 'session' | 'goal' | 'task' | 'suggestion' | 'round' | 'report' | 'member';

const subjects: Readonly<Record<string, Subject>> = {
  request: 'mentorship',
  'request:send': 'member',
  'request:start': 'member',
  mentorship: 'mentorship',
  'session:schedule': 'mentorship',
  'session:propose': 'mentorship',
  session: 'session',
  'feedback:session': 'session',
  'feedback:rate': 'session',
  feedback: 'mentorship',
  'goal:add': 'mentorship',
  'goal:save': 'mentorship',
  'task:add': 'mentorship',
  'task:save': 'mentorship',
  goal: 'goal',
  task: 'task',
  suggestion: 'suggestion',
  'suggestions:next': 'mentorship',
  round: 'round',
  'report:member': 'member',
  'report:file-member': 'member',
  'report:mentorship': 'mentorship',
  'report:file-mentorship': 'mentorship',
  report: 'report',
};

/**
 * The community a button, select or form belongs to, for interactions that
 * arrive without one (a button in a direct message). It is read from the
 * thing the id names (a request's, a session's or a suggestion's community),
 * when that community is an active one on this platform. Otherwise (an id
 * naming nothing, or something since deleted) it is the person's only active
 * community on this platform, so a button gone out of date is answered as
 * such there instead of as one that needs a server. Null when it cannot be
 * told; the caller then asks the person to use the command in their server.
 * The community only decides where the person acts: every use case still
 * authorizes them there, and finds nothing of another community's.
 */
export async function communityOfInteraction(db: Kysely<Database>, input: { platform: Platform; platformUserId: string; id: InteractionId | null }): Promise<number | null> {
  const { id } = input;
  const subject = id ? (subjects[`${id.area}:${id.action}`] ?? subjects[id.area]) : undefined;
  const key = id?.args[0];
  if (subject && key && /^\d{1,15}$/.test(key)) {
    const named = await db
      .selectFrom('communities')
      .select('id')
      .where('id', 'in', communityOf(db, subject, Number(key)))
      .where('platform', '=', input.platform)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst();
    if (named) return named.id;
  }
  const rows = await db
    .selectFrom('members')
    .innerJoin('communities', 'communities.id', 'members.community_id')
    .select('communities.id')
    .where('communities.platform', '=', input.platform)
    .where('communities.status', '=', 'ACTIVE')
    .where('members.platform_user_id', '=', input.platformUserId)
    .where('members.erased_at', 'is', null)
    .limit(2)
    .execute();
  return rows.length === 1 && rows[0] ? rows[0].id : null;
}

/** The community of the row `id` names, as a subquery. */
function communityOf(db: Kysely<Database>, subject: Subject, id: number) {
  switch (subject) {
    case 'mentorship':
      return db.selectFrom('mentorships').select('community_id').where('id', '=', id);
    case 'session':
      return db.selectFrom('mentoring_sessions as s').innerJoin('mentorships as m', 'm.id', 's.mentorship_id').select('m.community_id').where('s.id', '=', id);
    case 'goal':
      return db.selectFrom('goals as g').innerJoin('mentorships as m', 'm.id', 'g.mentorship_id').select('m.community_id').where('g.id', '=', id);
    case 'task':
      return db.selectFrom('tasks as t').innerJoin('mentorships as m', 'm.id', 't.mentorship_id').select('m.community_id').where('t.id', '=', id);
    case 'suggestion':
      return db.selectFrom('suggestions').select('community_id').where('id', '=', id);
    case 'round':
      return db.selectFrom('matching_rounds').select('community_id').where('id', '=', id);
    case 'report':
      return db.selectFrom('reports').select('community_id').where('id', '=', id);
    case 'member':
      return db.selectFrom('members').select('community_id').where('id', '=', id);
  }
}
