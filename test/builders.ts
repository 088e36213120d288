import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MemberActor } from '../core/access/actor.js';
import type { Outcome, Problem } from '../core/outcome.js';
import type { Clock } from '../core/ports/clock.js';
import { defaultSkills } from '../core/skills/default-skills.js';
import type {
  Database, MemberRole, MemberStatus, MentorshipRole, MentorshipStatus, OnboardingStep, Platform, SkillDirection,
} from '../core/store/database.js';

/**
 * Builders for core tests: each inserts rows directly (no use case), with
 * defaults that make a realistic, valid row; pass overrides for what the test
 * is about. Ids are unique per call, so tests in one file never collide.
 */

export interface BuiltCommunity {
  readonly id: number;
  readonly platform: Platform;
  readonly externalId: string;
  /** IANA zone the community's schedules are read in. */
  readonly timezone: string;
}

export async function makeCommunity(
  db: Kysely<Database>,
  overrides: {
    platform?: Platform; externalId?: string; name?: string; timezone?: string; status?: 'ACTIVE' | 'INACTIVE';
    settings?: Record<string, unknown>; withDefaultSkills?: boolean;
  } = {},
): Promise<BuiltCommunity> {
  const platform = overrides.platform ?? 'discord';
  const externalId = overrides.externalId ?? `guild-${randomUUID()}`;
  const row = await db
    .insertInto('communities')
    .values({
      platform,
      external_id: externalId,
      name: overrides.name ?? 'Test meetup',
      settings: JSON.stringify(overrides.settings ?? {}),
      ...(overrides.timezone ? { timezone: overrides.timezone } : {}),
      ...(overrides.status ? { status: overrides.status } : {}),
    })
    .returning(['id', 'timezone'])
    .executeTakeFirstOrThrow();
  if (overrides.withDefaultSkills !== false) {
    await db.insertInto('skills').values(defaultSkills.map((skill) => ({ community_id: row.id, ...skill }))).execute();
  }
  return { id: row.id, platform, externalId, timezone: row.timezone };
}

export async function makeSkill(
  db: Kysely<Database>,
  community: BuiltCommunity,
  overrides: { name?: string; slug?: string; category?: string; archivedAt?: Date | null } = {},
): Promise<{ id: number; name: string; slug: string }> {
  const suffix = randomUUID().slice(0, 8);
  const name = overrides.name ?? `Skill ${suffix}`;
  const slug = overrides.slug ?? `skill-${suffix}`;
  const row = await db
    .insertInto('skills')
    .values({ community_id: community.id, name, slug, category: overrides.category ?? 'General', archived_at: overrides.archivedAt ?? null })
    .returning(['id', 'name', 'slug'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function skillBySlug(db: Kysely<Database>, community: BuiltCommunity, slug: string): Promise<number> {
  const row = await db.selectFrom('skills').select('id').where('community_id', '=', community.id).where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

export interface BuiltMember {
  readonly id: number;
  readonly communityId: number;
  readonly platformUserId: string;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly status: MemberStatus;
}

/**
 * A member, onboarded and ACTIVE by default: mentors and mentees (BOTH), in
 * Europe/Berlin, offering Backend at level 4 and seeking Frontend at level 2
 * (when the community has the default catalog).
 */
export async function makeMember(
  db: Kysely<Database>,
  community: BuiltCommunity,
  overrides: {
    platformUserId?: string;
    displayName?: string;
    role?: MemberRole;
    status?: MemberStatus;
    onboardingStep?: OnboardingStep;
    mentorshipRole?: MentorshipRole;
    createdAt?: Date;
    leftAt?: Date | null;
    skills?: readonly { slug: string; direction: SkillDirection; level: number }[];
  } = {},
): Promise<BuiltMember> {
  const step = overrides.onboardingStep ?? 'DONE';
  const platformUserId = overrides.platformUserId ?? `user-${randomUUID()}`;
  const displayName = overrides.displayName ?? `Member ${platformUserId.slice(-6)}`;
  const row = await db
    .insertInto('members')
    .values({
      community_id: community.id,
      platform_user_id: platformUserId,
      display_name: displayName,
      role: overrides.role ?? 'REGULAR',
      status: overrides.status ?? 'ACTIVE',
      onboarding_step: step,
      onboarded_at: step === 'DONE' ? new Date('2026-01-05T10:00:00Z') : null,
      ...(step === 'DONE'
        ? {
            bio: 'Backend developer who likes databases.',
            job_title: 'Software engineer',
            years_experience: 6,
            mentorship_role: overrides.mentorshipRole ?? 'BOTH',
            mentorship_types: ['TECHNICAL_SKILLS', 'CAREER_GROWTH'],
            timezone: 'Europe/Berlin',
            availability: JSON.stringify([{ day: 'tue', start: '18:00', end: '20:00' }]),
            mentee_capacity: 2,
          }
        : {}),
      ...(overrides.createdAt ? { created_at: overrides.createdAt, joined_at: overrides.createdAt } : {}),
      left_at: overrides.leftAt ?? (overrides.status === 'LEFT' ? new Date('2026-01-10T00:00:00Z') : null),
    })
    .returning(['id', 'role', 'status'])
    .executeTakeFirstOrThrow();

  const skills = overrides.skills ?? (step === 'DONE' ? [{ slug: 'backend', direction: 'OFFER' as const, level: 4 }, { slug: 'frontend', direction: 'SEEK' as const, level: 2 }] : []);
  for (const skill of skills) {
    const found = await db.selectFrom('skills').select('id').where('community_id', '=', community.id).where('slug', '=', skill.slug).executeTakeFirst();
    if (found) await db.insertInto('member_skills').values({ member_id: row.id, skill_id: found.id, direction: skill.direction, level: skill.level }).execute();
  }
  return { id: row.id, communityId: community.id, platformUserId, displayName, role: row.role, status: row.status };
}

/** The actor a member would be resolved to. */
export function actorFor(member: BuiltMember, overrides: Partial<Pick<MemberActor, 'role' | 'status'>> = {}): MemberActor {
  return {
    kind: 'member',
    communityId: member.communityId,
    memberId: member.id,
    platformUserId: member.platformUserId,
    role: overrides.role ?? member.role,
    status: overrides.status ?? member.status,
  };
}

/** Someone the community has not met yet. */
export function newcomer(community: BuiltCommunity, platformUserId = `user-${randomUUID()}`): MemberActor {
  return { kind: 'member', communityId: community.id, memberId: null, platformUserId, role: 'REGULAR', status: 'UNREGISTERED' };
}

export async function makeMentorship(
  db: Kysely<Database>,
  community: BuiltCommunity,
  input: { mentor: BuiltMember; mentee: BuiltMember; status?: MentorshipStatus; senderIsMentee?: boolean; description?: string; endDate?: string; spaceId?: string },
): Promise<{ id: number }> {
  const sender = input.senderIsMentee === false ? input.mentor : input.mentee;
  const receiver = sender === input.mentee ? input.mentor : input.mentee;
  const status = input.status ?? 'ACCEPTED';
  return db
    .insertInto('mentorships')
    .values({
      community_id: community.id,
      mentor_id: input.mentor.id,
      mentee_id: input.mentee.id,
      sender_id: sender.id,
      receiver_id: receiver.id,
      status,
      description: input.description ?? 'Learn to design Postgres schemas',
      end_date: input.endDate ?? '2026-06-30',
      accepted_at: ['ACCEPTED', 'PAUSED', 'COMPLETED'].includes(status) ? new Date('2026-01-12T10:00:00Z') : null,
      space_id: input.spaceId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A clock that stays where it is put. */
export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let now = new Date(at);
  return {
    now: () => new Date(now),
    set(to) {
      now = new Date(to);
    },
  };
}

/** The value of a successful outcome; fails the test with the problem otherwise. */
export function expectOk<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problem)}`);
  return outcome.value;
}

/** The problem of a failed outcome; fails the test if it succeeded. */
export function expectProblem(outcome: Outcome<unknown>): Problem {
  if (outcome.ok) throw new Error(`expected a problem, got ${JSON.stringify(outcome.value)}`);
  return outcome.problem;
}
