import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { countCommunityReports, readCommunityData } from './community-data.repository.js';
import { requireCommunity } from './community.repository.js';
import type { CommunitySettings } from './settings.js';

/** The export document; `format` and `version` let a reader (or an import) tell what it holds. */
export interface CommunityDataExport {
  readonly format: 'mentorship-bot/community-data';
  readonly version: 1;
  readonly exportedAt: string;
  readonly community: Readonly<Record<string, unknown>>;
  readonly settings: CommunitySettings;
  readonly [section: string]: unknown;
}

/**
 * Everything an owner may take away to run the program elsewhere, as JSON:
 * the community and its settings, the skills catalog, members with their
 * profiles and skills, mentorships with their history, sessions, goals,
 * tasks and feedback; members are referred to by id throughout.
 *
 * What an owner may take is what the admin site already shows them, plus the
 * profiles members share with each other. Left out on purpose: what is
 * private to a pair or a person (sealed session notes, session locations,
 * blocks, notification preferences), report contents (only counts by status
 * and category, without reports about the owner, as their list hides them),
 * sign-in links, sessions, the outbox and anything sealed. Erased members
 * stay as bare ids, so references still resolve and nothing about them
 * returns. Every query is filtered by the owner's community.
 */
export async function exportCommunityData(deps: CoreDeps, actor: Actor): Promise<Outcome<{ filename: string; data: CommunityDataExport }>> {
  const auth = authorizeMember(actor, 'community.export');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();
  const profile = await requireCommunity(deps.db, communityId);
  const rows = await readCommunityData(deps.db, communityId);
  const reports = await countCommunityReports(deps.db, communityId, memberId);
  // An erased member is a bare id: references to them still resolve, and name nobody.
  const erased = new Set(rows.members.filter((member) => member.erased_at !== null).map((member) => member.id));
  const skillsOf = (id: number) => rows.memberSkills.filter((skill) => skill.member_id === id).map((skill) => ({ skillId: skill.skill_id, direction: skill.direction, level: skill.level }));
  const byMentorship = <T extends { mentorship_id: number }>(list: readonly T[], id: number) => list.filter((row) => row.mentorship_id === id);
  const { community } = rows;

  const data: CommunityDataExport = {
    format: 'mentorship-bot/community-data',
    version: 1,
    exportedAt: now.toISOString(),
    community: { id: community.id, name: community.name, platform: community.platform, externalId: community.external_id, timezone: community.timezone, createdAt: community.created_at },
    settings: profile.settings,
    skills: rows.skills.map((skill) => ({ id: skill.id, name: skill.name, slug: skill.slug, category: skill.category, archivedAt: skill.archived_at, createdAt: skill.created_at })),
    members: rows.members.map((member) =>
      erased.has(member.id)
        ? { id: member.id, erased: true }
        : {
            id: member.id, platformUserId: member.platform_user_id, displayName: member.display_name, role: member.role, status: member.status,
            statusReason: member.status_reason, onboardingStep: member.onboarding_step, onboardedAt: member.onboarded_at, joinedAt: member.joined_at, leftAt: member.left_at,
            jobTitle: member.job_title, yearsExperience: member.years_experience, bio: member.bio, mentorshipRole: member.mentorship_role,
            mentorshipTypes: member.mentorship_types, timezone: member.timezone, availability: member.availability, menteeCapacity: member.mentee_capacity,
            notTakingMenteesUntil: member.not_taking_mentees_until, codeOfConductAcceptedAt: member.code_of_conduct_accepted_at, skills: skillsOf(member.id),
          },
    ),
    mentorships: rows.mentorships.map((mentorship) => ({
      id: mentorship.id, mentorId: mentorship.mentor_id, menteeId: mentorship.mentee_id, senderId: mentorship.sender_id, receiverId: mentorship.receiver_id,
      status: mentorship.status, description: mentorship.description, endDate: mentorship.end_date, pausedUntil: mentorship.paused_until,
      requestedAt: mentorship.created_at, acceptedAt: mentorship.accepted_at, endedAt: mentorship.ended_at, messageCount: mentorship.message_count,
      lastActivityAt: mentorship.last_activity_at,
      history: byMentorship(rows.events, mentorship.id).map((event) => ({
        from: event.from_status, to: event.to_status, by: event.actor_kind, actorMemberId: event.actor_member_id, reason: event.reason, at: event.created_at,
      })),
    })),
    sessions: rows.sessions.map((session) => ({
      id: session.id, mentorshipId: session.mentorship_id, proposedBy: session.proposed_by, status: session.status, kind: session.kind,
      startsAt: session.starts_at, durationMinutes: session.duration_minutes, agenda: session.agenda, createdAt: session.created_at,
    })),
    goals: rows.goals.map((goal) => ({
      id: goal.id, mentorshipId: goal.mentorship_id, title: goal.title, description: goal.description, dueDate: goal.due_date, status: goal.status,
      createdBy: goal.created_by, completedAt: goal.completed_at, createdAt: goal.created_at,
    })),
    tasks: rows.tasks.map((task) => ({
      id: task.id, mentorshipId: task.mentorship_id, goalId: task.goal_id, title: task.title, assigneeRole: task.assignee_role, priority: task.priority,
      dueDate: task.due_date, doneAt: task.done_at, createdBy: task.created_by, createdAt: task.created_at,
    })),
    feedback: rows.feedback.map((entry) => ({
      id: entry.id, mentorshipId: entry.mentorship_id, sessionId: entry.session_id, authorId: entry.author_id, subjectId: entry.subject_id, kind: entry.kind,
      rating: entry.rating, comment: entry.comment, wentWell: entry.went_well, testimonial: entry.testimonial, testimonialPublic: entry.testimonial_public, createdAt: entry.created_at,
    })),
    reports: reports.map((row) => ({ status: row.status, category: row.category, count: Number(row.count) })),
  };
  return ok({ filename: `community-${communityId}-data-${now.toISOString().slice(0, 10)}.json`, data });
}
