import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { findMember, listMemberSkills } from '../members/member.repository.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { readMemberActivity } from './member-data.repository.js';

/** The export document; `format` and `version` let a reader tell what it holds. */
export interface MemberDataExport {
  readonly format: 'mentorship-bot/member-data';
  readonly version: 1;
  readonly exportedAt: string;
  readonly [section: string]: unknown;
}

/**
 * Everything the program holds about the member, as JSON: profile, skills,
 * settings, the mentorships they are in with their history, sessions, goals
 * and tasks, feedback given and received, reports they made, suggestions.
 * Answers with the document and a private message carrying it as a file.
 */
export async function exportMemberData(deps: CoreDeps, actor: Actor): Promise<Outcome<{ data: MemberDataExport; reply: Message }>> {
  const auth = authorizeMember(actor, 'data.export');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const member = await findMember(deps.db, communityId, memberId);
  if (!member) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
  const skills = await listMemberSkills(deps.db, memberId);
  const activity = await readMemberActivity(deps.db, communityId, memberId);
  const byMentorship = <T extends { mentorship_id: number }>(rows: T[], id: number) => rows.filter((row) => row.mentorship_id === id);

  const data: MemberDataExport = {
    format: 'mentorship-bot/member-data',
    version: 1,
    exportedAt: deps.clock.now().toISOString(),
    member: {
      platformUserId: member.platformUserId, displayName: member.displayName, role: member.role, status: member.status,
      joinedAt: member.joinedAt, onboardedAt: member.onboardedAt, jobTitle: member.jobTitle, yearsExperience: member.yearsExperience, bio: member.bio,
      mentorshipRole: member.mentorshipRole, mentorshipTypes: member.mentorshipTypes, timezone: member.timezone, availability: member.availability,
      menteeCapacity: member.menteeCapacity, notTakingMenteesUntil: member.notTakingMenteesUntil, notificationPreferences: member.notificationPreferences,
      codeOfConductAcceptedAt: member.codeOfConductAcceptedAt,
    },
    skills: skills.map((skill) => ({ name: skill.name, category: skill.category, direction: skill.direction, level: skill.level })),
    mentorships: activity.mentorships.map((row) => {
      const asMentor = row.mentor_id === memberId;
      return {
        id: row.id, yourRole: asMentor ? 'MENTOR' : 'MENTEE', youSentTheRequest: row.sender_id === memberId,
        otherMember: (asMentor ? row.mentee_name : row.mentor_name) ?? null,
        status: row.status, description: row.description, endDate: row.end_date, pausedUntil: row.paused_until,
        requestedAt: row.created_at, acceptedAt: row.accepted_at, endedAt: row.ended_at,
        history: byMentorship(activity.events, row.id).map((event) => ({ from: event.from_status, to: event.to_status, by: event.actor_kind, reason: event.reason, at: event.created_at })),
        sessions: byMentorship(activity.sessions, row.id).map(({ mentorship_id: _m, ...session }) => session),
        goals: byMentorship(activity.goals, row.id).map(({ mentorship_id: _m, ...goal }) => goal),
        tasks: byMentorship(activity.tasks, row.id).map(({ mentorship_id: _m, ...task }) => task),
      };
    }),
    feedbackGiven: activity.feedback.filter((row) => row.author_id === memberId).map(({ author_id: _a, subject_id: _s, ...row }) => row),
    feedbackReceived: activity.feedback.filter((row) => row.subject_id === memberId).map(({ author_id: _a, subject_id: _s, ...row }) => row),
    reportsMade: activity.reportsMade,
    suggestions: activity.suggestions.map((row) => ({
      id: row.id, youWouldBe: row.mentor_id === memberId ? 'MENTOR' : 'MENTEE',
      otherMember: (row.mentor_id === memberId ? row.mentee_name : row.mentor_name) ?? null,
      status: row.status, reasons: row.reasons, suggestedAt: row.created_at, respondedAt: row.responded_at,
    })),
  };
  const reply = privateMessage(['Here is everything this program holds about you, as a JSON file.'], {
    title: 'Your data',
    attachments: [{ fileName: `my-mentorship-data-${deps.clock.now().toISOString().slice(0, 10)}.json`, contentType: 'application/json', content: JSON.stringify(data, null, 2) }],
  });
  return ok({ data, reply });
}
