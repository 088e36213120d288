import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/**
 * The rows of one community that its export carries, each query filtered by
 * the community (tables that hang off a mentorship through a join on it) and
 * selecting named columns only: sealed columns (`*_encrypted`), session
 * locations, blocks, notification preferences and report contents are never
 * read here, so they cannot leak into the file.
 */
export async function readCommunityData(db: Kysely<Database>, communityId: number) {
  const inCommunity = db.selectFrom('mentorships').select('id').where('community_id', '=', communityId);
  const [community, skills, members, memberSkills, mentorships, events, sessions, goals, tasks, feedback] = await Promise.all([
    db.selectFrom('communities').select(['id', 'name', 'platform', 'external_id', 'timezone', 'created_at']).where('id', '=', communityId).executeTakeFirstOrThrow(),
    db.selectFrom('skills').select(['id', 'name', 'slug', 'category', 'archived_at', 'created_at']).where('community_id', '=', communityId).orderBy('id').execute(),
    db
      .selectFrom('members')
      .select([
        'id', 'platform_user_id', 'display_name', 'role', 'status', 'status_reason', 'onboarding_step', 'onboarded_at', 'joined_at', 'left_at', 'erased_at',
        'job_title', 'years_experience', 'bio', 'mentorship_role', 'mentorship_types', 'timezone', 'availability', 'mentee_capacity', 'not_taking_mentees_until',
        'code_of_conduct_accepted_at',
      ])
      .where('community_id', '=', communityId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('member_skills as ms')
      .innerJoin('members as m', 'm.id', 'ms.member_id')
      .select(['ms.member_id', 'ms.skill_id', 'ms.direction', 'ms.level'])
      .where('m.community_id', '=', communityId)
      .orderBy('ms.member_id')
      .orderBy('ms.skill_id')
      .execute(),
    db
      .selectFrom('mentorships')
      .select([
        'id', 'mentor_id', 'mentee_id', 'sender_id', 'receiver_id', 'status', 'description', 'end_date', 'paused_until', 'created_at', 'accepted_at', 'ended_at',
        'message_count', 'last_activity_at',
      ])
      .where('community_id', '=', communityId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('mentorship_events')
      .select(['mentorship_id', 'from_status', 'to_status', 'actor_kind', 'actor_member_id', 'reason', 'created_at'])
      .where('mentorship_id', 'in', inCommunity)
      .orderBy('mentorship_id')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('mentoring_sessions')
      .select(['id', 'mentorship_id', 'proposed_by', 'status', 'kind', 'starts_at', 'duration_minutes', 'agenda', 'created_at'])
      .where('mentorship_id', 'in', inCommunity)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('goals')
      .select(['id', 'mentorship_id', 'title', 'description', 'due_date', 'status', 'created_by', 'completed_at', 'created_at'])
      .where('mentorship_id', 'in', inCommunity)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('tasks')
      .select(['id', 'mentorship_id', 'goal_id', 'title', 'assignee_role', 'priority', 'due_date', 'done_at', 'created_by', 'created_at'])
      .where('mentorship_id', 'in', inCommunity)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('feedback')
      .select(['id', 'mentorship_id', 'session_id', 'author_id', 'subject_id', 'kind', 'rating', 'comment', 'went_well', 'testimonial', 'testimonial_public', 'created_at'])
      .where('mentorship_id', 'in', inCommunity)
      .orderBy('id')
      .execute(),
  ]);
  return { community, skills, members, memberSkills, mentorships, events, sessions, goals, tasks, feedback };
}

/** Report counts for the export: how many, in which status and category; never who, about whom, or what was said. */
export async function countCommunityReports(db: Kysely<Database>, communityId: number, hideAbout: number) {
  return db
    .selectFrom('reports')
    .select(['status', 'category', (eb) => eb.fn.countAll<string>().as('count')])
    .where('community_id', '=', communityId)
    .where((eb) => eb.or([eb('reported_member_id', 'is', null), eb('reported_member_id', '!=', hideAbout)]))
    .groupBy(['status', 'category'])
    .orderBy('status')
    .orderBy('category')
    .execute();
}
