import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, FeedbackTable, MentorshipStatus, SessionKind, SessionStatus } from '../../core/store/database.js';
import { defaultSkills } from '../../core/skills/default-skills.js';
import { availabilityFor, demoPeople } from './demo-people.js';
import type { FieldCipher } from '../../core/ports/field-cipher.js';
import { detailsContext } from '../../core/reports/report.js';

export const demoCommunity = { platform: 'discord', externalId: 'demo-guild', name: 'Demo Tech Meetup', timezone: 'Europe/Berlin' } as const;

export interface SeedResult {
  created: boolean;
  communityId: number;
}

const day = 24 * 60 * 60 * 1000;
const isoDate = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Creates the demo community once: skills, members of every role and status,
 * mentorships in every status with their history, sessions, goals, tasks,
 * feedback, suggestions, a report and a matching round. All in one
 * transaction; a second run finds the community and changes nothing.
 */
export async function seedDemoCommunity(db: Kysely<Database>, cipher: FieldCipher, now = new Date()): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('communities')
      .values({ platform: demoCommunity.platform, external_id: demoCommunity.externalId, name: demoCommunity.name, timezone: demoCommunity.timezone, settings: '{}' })
      .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom('communities').select('id')
        .where('platform', '=', demoCommunity.platform).where('external_id', '=', demoCommunity.externalId).executeTakeFirstOrThrow();
      return { created: false, communityId: existing.id };
    }
    await fillCommunity(trx, inserted.id, cipher, now);
    return { created: true, communityId: inserted.id };
  });
}

async function fillCommunity(trx: Transaction<Database>, communityId: number, cipher: FieldCipher, now: Date): Promise<void> {
  const skills = await trx.insertInto('skills')
    .values(defaultSkills.map((skill) => ({ community_id: communityId, name: skill.name, slug: skill.slug, category: skill.category })))
    .returning(['id', 'slug']).execute();
  const skillId = new Map(skills.map((skill) => [skill.slug, skill.id]));

  const members = await trx.insertInto('members').values(demoPeople.map((person, index) => ({
    community_id: communityId,
    platform_user_id: `demo-${person.handle}`,
    display_name: person.name,
    role: person.role,
    status: person.status,
    onboarding_step: 'DONE' as const,
    onboarded_at: new Date(now.getTime() - (120 - index * 5) * day),
    bio: person.bio,
    job_title: person.jobTitle,
    years_experience: person.years,
    mentorship_role: person.mentorshipRole,
    mentorship_types: person.types,
    timezone: person.timezone,
    availability: JSON.stringify(availabilityFor(index)),
    mentee_capacity: person.capacity,
    notification_preferences: JSON.stringify({ delivery: 'immediate', quietHours: { start: '22:00', end: '08:00' }, kinds: { reminders: 'dm', digest: index % 3 === 0 ? 'off' : 'dm' } }),
    code_of_conduct_accepted_at: new Date(now.getTime() - (120 - index * 5) * day),
    status_reason: person.status === 'SUSPENDED' ? 'Repeated no-shows reported by two mentees' : null,
    left_at: person.status === 'LEFT' ? new Date(now.getTime() - 10 * day) : null,
  }))).returning(['id', 'platform_user_id']).execute();
  const member = (handle: string) => {
    const found = members.find((row) => row.platform_user_id === `demo-${handle}`);
    if (!found) throw new Error(`demo member ${handle} is missing`);
    return found.id;
  };

  await trx.insertInto('member_skills').values(demoPeople.flatMap((person) => [
    ...person.offers.map(([slug, level]) => ({ member_id: member(person.handle), skill_id: skillId.get(slug)!, direction: 'OFFER' as const, level })),
    ...person.seeks.map(([slug, level]) => ({ member_id: member(person.handle), skill_id: skillId.get(slug)!, direction: 'SEEK' as const, level })),
  ])).execute();

  // One mentorship in every status; open ones use distinct pairs (one open relation per pair).
  const plans: Array<{ mentor: string; mentee: string; sender: 'mentor' | 'mentee'; status: MentorshipStatus; startedDaysAgo: number; weeks: number; description: string }> = [
    { mentor: 'ada', mentee: 'dana', sender: 'mentee', status: 'ACCEPTED', startedDaysAgo: 30, weeks: 12, description: 'Get confident with TypeScript on the backend: APIs, testing and reading production code.' },
    { mentor: 'fatima', mentee: 'emeka', sender: 'mentee', status: 'ACCEPTED', startedDaysAgo: 20, weeks: 12, description: 'Move from analytics to data science: a portfolio project with a real model by spring.' },
    { mentor: 'bruno', mentee: 'gus', sender: 'mentor', status: 'PAUSED', startedDaysAgo: 40, weeks: 16, description: 'Career growth: preparing for a senior mobile role and leading a small project.' },
    { mentor: 'chen', mentee: 'dana', sender: 'mentee', status: 'PENDING', startedDaysAgo: 2, weeks: 8, description: 'Learn the basics of secure frontend code: XSS, CSP and dependency hygiene.' },
    { mentor: 'ada', mentee: 'gus', sender: 'mentee', status: 'AWAITING_APPROVAL', startedDaysAgo: 3, weeks: 12, description: 'Switch from mobile to backend development with Postgres and Node.js.' },
    { mentor: 'chen', mentee: 'emeka', sender: 'mentee', status: 'REJECTED', startedDaysAgo: 50, weeks: 8, description: 'Intro to security for data pipelines and handling personal data safely.' },
    { mentor: 'fatima', mentee: 'bruno', sender: 'mentee', status: 'WITHDRAWN', startedDaysAgo: 45, weeks: 6, description: 'A first machine learning project for a manager who wants to understand the team.' },
    { mentor: 'ivan', mentee: 'fatima', sender: 'mentee', status: 'EXPIRED', startedDaysAgo: 60, weeks: 8, description: 'Platform engineering for ML: Kubernetes, GPUs and deployment pipelines.' },
    { mentor: 'chen', mentee: 'gus', sender: 'mentee', status: 'CANCELLED', startedDaysAgo: 90, weeks: 12, description: 'Security code reviews for a mobile banking app, with a checklist to keep.' },
    { mentor: 'ada', mentee: 'emeka', sender: 'mentee', status: 'COMPLETED', startedDaysAgo: 110, weeks: 12, description: 'SQL performance: indexes, query plans and modelling for analytics workloads.' },
  ];
  for (const [index, plan] of plans.entries()) {
    const mentorId = member(plan.mentor);
    const menteeId = member(plan.mentee);
    const senderId = plan.sender === 'mentor' ? mentorId : menteeId;
    const receiverId = plan.sender === 'mentor' ? menteeId : mentorId;
    const createdAt = new Date(now.getTime() - plan.startedDaysAgo * day);
    const started = ['ACCEPTED', 'PAUSED', 'CANCELLED', 'COMPLETED'].includes(plan.status);
    const ended = ['REJECTED', 'WITHDRAWN', 'EXPIRED', 'CANCELLED', 'COMPLETED'].includes(plan.status);
    const endDate = plan.status === 'COMPLETED' ? new Date(now.getTime() - 26 * day) : new Date(createdAt.getTime() + plan.weeks * 7 * day);
    const mentorship = await trx.insertInto('mentorships').values({
      community_id: communityId, mentor_id: mentorId, mentee_id: menteeId, sender_id: senderId, receiver_id: receiverId,
      status: plan.status, description: plan.description, end_date: isoDate(endDate),
      expires_at: new Date(createdAt.getTime() + 7 * day),
      paused_until: plan.status === 'PAUSED' ? isoDate(new Date(now.getTime() + 14 * day)) : null,
      accepted_at: started ? new Date(createdAt.getTime() + day) : null,
      ended_at: ended ? new Date(Math.min(now.getTime(), endDate.getTime())) : null,
      space_id: started ? `demo-thread-${index + 1}` : null,
      message_count: started ? 12 + index * 7 : 0,
      last_activity_at: started ? new Date(now.getTime() - (index + 1) * day) : null,
      created_at: createdAt,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('mentorship_events').values(historyFor(mentorship.id, plan.status, senderId, receiverId, createdAt)).execute();
    if (plan.status === 'ACCEPTED' || plan.status === 'COMPLETED') {
      await addToolkit(trx, { mentorshipId: mentorship.id, mentorId, menteeId, startedAt: createdAt, now, completed: plan.status === 'COMPLETED' });
    }
  }

  await trx.insertInto('suggestions').values([
    { community_id: communityId, mentor_id: member('chen'), mentee_id: member('gus'), score: 0.71, reasons: JSON.stringify(['offers DevOps at level 4, which you want at level 2', '9 hours apart', 'both like code review']), status: 'PENDING' },
    { community_id: communityId, mentor_id: member('fatima'), mentee_id: member('emeka'), score: 0.93, reasons: JSON.stringify(['offers Data Science at level 5, which you want at level 4', '0 hours apart']), status: 'ACCEPTED', responded_at: new Date(now.getTime() - 21 * day) },
    { community_id: communityId, mentor_id: member('bruno'), mentee_id: member('dana'), score: 0.64, reasons: JSON.stringify(['offers Frontend at level 5, which you want at level 4']), status: 'DECLINED', declined_by: member('dana'), responded_at: new Date(now.getTime() - 5 * day) },
  ]).execute();

  const round = await trx.insertInto('matching_rounds').values({
    community_id: communityId, status: 'COMPLETED', scheduled_for: new Date(now.getTime() - 21 * day), started_by: member('bruno'), total_score: 0.93,
    stats: JSON.stringify({ mentees: 4, mentors: 4, matched: 1, unmatched: 3 }), completed_at: new Date(now.getTime() - 21 * day),
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('matching_rounds').values({ community_id: communityId, status: 'SCHEDULED', scheduled_for: new Date(now.getTime() + 7 * day) }).execute();
  await trx.updateTable('suggestions').set({ matching_round_id: round.id }).where('community_id', '=', communityId).where('status', '=', 'ACCEPTED').execute();

  // Report details are sealed with the app's key and the report's id, as the reports feature stores them.
  const report = await trx.insertInto('reports').values({
    community_id: communityId, reporter_id: member('gus'), reported_member_id: member('ivan'), category: 'NO_SHOW',
    details_encrypted: '', status: 'RESOLVED',
    assigned_admin_id: member('chen'), resolution_message: 'Thank you for telling us. We have acted on it.', resolved_at: new Date(now.getTime() - 8 * day),
  }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('reports')
    .set({ details_encrypted: cipher.seal('Missed three sessions in a row without a message.', detailsContext(report.id)) })
    .where('id', '=', report.id).execute();
  await trx.insertInto('audit_log').values([
    { community_id: communityId, actor_member_id: member('chen'), action: 'member.suspend', target_type: 'member', target_id: String(member('ivan')), details: JSON.stringify({ reason: 'Repeated no-shows' }) },
    { community_id: communityId, actor_member_id: member('ada'), action: 'admin.grant', target_type: 'member', target_id: String(member('chen')), details: '{}' },
  ]).execute();
}

function historyFor(mentorshipId: number, status: MentorshipStatus, senderId: number, receiverId: number, createdAt: Date) {
  const at = (days: number) => new Date(createdAt.getTime() + days * day);
  const events: Array<{ mentorship_id: number; from_status: MentorshipStatus | null; to_status: MentorshipStatus; actor_kind: 'MEMBER' | 'ADMIN' | 'SYSTEM'; actor_member_id: number | null; reason: string | null; created_at: Date }> = [
    { mentorship_id: mentorshipId, from_status: null, to_status: 'PENDING', actor_kind: 'MEMBER', actor_member_id: senderId, reason: null, created_at: createdAt },
  ];
  const push = (from: MentorshipStatus, to: MentorshipStatus, actor: 'MEMBER' | 'SYSTEM', who: number | null, when: Date, reason: string | null = null) =>
    events.push({ mentorship_id: mentorshipId, from_status: from, to_status: to, actor_kind: actor, actor_member_id: who, reason, created_at: when });
  switch (status) {
    case 'PENDING': break;
    case 'AWAITING_APPROVAL': push('PENDING', 'AWAITING_APPROVAL', 'MEMBER', receiverId, at(1)); break;
    case 'REJECTED': push('PENDING', 'REJECTED', 'MEMBER', receiverId, at(2), 'My calendar is full until summer, sorry.'); break;
    case 'WITHDRAWN': push('PENDING', 'WITHDRAWN', 'MEMBER', senderId, at(1)); break;
    case 'EXPIRED': push('PENDING', 'EXPIRED', 'SYSTEM', null, at(7), 'No answer within 7 days'); break;
    case 'ACCEPTED': push('PENDING', 'ACCEPTED', 'MEMBER', receiverId, at(1)); break;
    case 'PAUSED': push('PENDING', 'ACCEPTED', 'MEMBER', receiverId, at(1)); push('ACCEPTED', 'PAUSED', 'MEMBER', senderId, at(30), 'Parental leave for two weeks'); break;
    case 'CANCELLED': push('PENDING', 'ACCEPTED', 'MEMBER', receiverId, at(1)); push('ACCEPTED', 'CANCELLED', 'MEMBER', receiverId, at(20), 'Changed jobs and cannot keep the schedule'); break;
    case 'COMPLETED': push('PENDING', 'ACCEPTED', 'MEMBER', receiverId, at(1)); push('ACCEPTED', 'COMPLETED', 'SYSTEM', null, at(84), 'End date reached'); break;
  }
  return events;
}

async function addToolkit(trx: Transaction<Database>, context: { mentorshipId: number; mentorId: number; menteeId: number; startedAt: Date; now: Date; completed: boolean }) {
  const { mentorshipId, mentorId, menteeId, startedAt, now, completed } = context;
  const sessionPlans: Array<{ offsetDays: number; kind: SessionKind; status: SessionStatus; agenda: string }> = completed
    ? [
      { offsetDays: 7, kind: 'VIDEO_CALL', status: 'COMPLETED', agenda: 'Goals for the mentorship and a first look at slow queries' },
      { offsetDays: 21, kind: 'CODE_REVIEW', status: 'COMPLETED', agenda: 'Review of the indexing changes' },
      { offsetDays: 35, kind: 'Q_AND_A', status: 'MISSED', agenda: 'Open questions on query plans' },
      { offsetDays: 49, kind: 'PROJECT_REVIEW', status: 'COMPLETED', agenda: 'Final project walkthrough' },
    ]
    : [
      { offsetDays: 7, kind: 'VIDEO_CALL', status: 'COMPLETED', agenda: 'Kick-off: goals, expectations and how we work together' },
      { offsetDays: 21, kind: 'PAIR_PROGRAMMING', status: 'COMPLETED', agenda: 'Pairing on a failing test suite' },
      { offsetDays: 0, kind: 'CAREER_GUIDANCE', status: 'CONFIRMED', agenda: 'Planning the next quarter' },
      { offsetDays: 0, kind: 'CODE_REVIEW', status: 'PROPOSED', agenda: 'Review of the portfolio project' },
    ];
  const sessions = await trx.insertInto('mentoring_sessions').values(sessionPlans.map((plan, index) => {
    const startsAt = plan.offsetDays > 0 ? new Date(startedAt.getTime() + plan.offsetDays * day) : new Date(now.getTime() + (index + 1) * 2 * day);
    startsAt.setUTCHours(17, 0, 0, 0);
    return {
      mentorship_id: mentorshipId, proposed_by: index % 2 === 0 ? menteeId : mentorId, status: plan.status, kind: plan.kind,
      starts_at: startsAt, duration_minutes: plan.kind === 'PAIR_PROGRAMMING' ? 90 : 60, agenda: plan.agenda, location: 'Video call link shared in the thread',
      calendar_sequence: plan.status === 'CONFIRMED' ? 1 : 0,
    };
  })).returning(['id', 'status']).execute();

  const feedbackRows: Insertable<FeedbackTable>[] = sessions.filter((session) => session.status === 'COMPLETED').flatMap((session, index) => [
    { mentorship_id: mentorshipId, session_id: session.id, author_id: menteeId, subject_id: mentorId, kind: 'SESSION', rating: 5 - (index % 2), comment: 'Clear explanations and useful homework.' },
    { mentorship_id: mentorshipId, session_id: session.id, author_id: mentorId, subject_id: menteeId, kind: 'SESSION', rating: 5, comment: 'Came well prepared.' },
  ]);
  if (completed) {
    feedbackRows.push(
      { mentorship_id: mentorshipId, session_id: null, author_id: menteeId, subject_id: mentorId, kind: 'FINAL', rating: 5, comment: 'The best thing I did this year.' },
      { mentorship_id: mentorshipId, session_id: null, author_id: mentorId, subject_id: menteeId, kind: 'FINAL', rating: 5, comment: 'A pleasure to mentor.' },
    );
  }
  await trx.insertInto('feedback').values(feedbackRows).execute();
  if (completed) {
    await trx.updateTable('feedback').set({ went_well: 'Weekly rhythm and concrete tasks', testimonial: 'My queries are ten times faster and I know why.', testimonial_public: true })
      .where('mentorship_id', '=', mentorshipId).where('kind', '=', 'FINAL').where('author_id', '=', menteeId).execute();
  }

  const goals = await trx.insertInto('goals').values([
    { mentorship_id: mentorshipId, title: 'Ship a small project end to end', description: 'From design notes to production', due_date: isoDate(new Date(startedAt.getTime() + 60 * day)), status: completed ? 'DONE' : 'OPEN', created_by: menteeId, completed_at: completed ? new Date(startedAt.getTime() + 55 * day) : null },
    { mentorship_id: mentorshipId, title: 'Read and summarise two design docs', description: null, due_date: isoDate(new Date(startedAt.getTime() + 20 * day)), status: 'DONE', created_by: mentorId, completed_at: new Date(startedAt.getTime() + 18 * day) },
    { mentorship_id: mentorshipId, title: 'Give a lightning talk at the meetup', description: 'Five minutes on what was learned', due_date: isoDate(new Date(startedAt.getTime() + 80 * day)), status: completed ? 'DONE' : 'OPEN', created_by: menteeId, completed_at: completed ? new Date(startedAt.getTime() + 79 * day) : null },
  ]).returning('id').execute();
  await trx.insertInto('tasks').values([
    { mentorship_id: mentorshipId, goal_id: goals[0]!.id, title: 'Write the design notes', assignee_role: 'MENTEE', priority: 'HIGH', due_date: isoDate(new Date(startedAt.getTime() + 14 * day)), done_at: new Date(startedAt.getTime() + 12 * day), created_by: mentorId },
    { mentorship_id: mentorshipId, goal_id: goals[0]!.id, title: 'Review the design notes', assignee_role: 'MENTOR', priority: 'MEDIUM', due_date: isoDate(new Date(startedAt.getTime() + 16 * day)), done_at: new Date(startedAt.getTime() + 15 * day), created_by: menteeId },
    { mentorship_id: mentorshipId, goal_id: goals[2]!.id, title: 'Draft the talk outline', assignee_role: 'MENTEE', priority: 'LOW', due_date: isoDate(new Date(now.getTime() + 10 * day)), done_at: completed ? new Date(startedAt.getTime() + 70 * day) : null, created_by: menteeId },
  ]).execute();
}
