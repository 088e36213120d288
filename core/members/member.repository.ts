import type { Kysely, Selectable } from 'kysely';
import { CorruptDataError } from '../errors.js';
import type { Database, MemberRole, MemberUpdate, SkillDirection } from '../store/database.js';
import { availability } from './availability.js';
import type { MemberRecord, MemberSkill } from './member.js';
import { notificationPreferences } from './notification-preferences.js';

const columns = [
  'id', 'community_id', 'platform_user_id', 'display_name', 'role', 'status', 'onboarding_step', 'onboarded_at', 'bio', 'job_title',
  'years_experience', 'mentorship_role', 'mentorship_types', 'timezone', 'availability', 'mentee_capacity', 'not_taking_mentees_until',
  'notification_preferences', 'code_of_conduct_accepted_at', 'status_reason', 'joined_at', 'left_at', 'erased_at',
] as const;

type MemberRow = Pick<Selectable<Database['members']>, (typeof columns)[number]>;

function toMember(row: MemberRow): MemberRecord {
  // Both documents were validated when written; failing here means a hand edit.
  const windows = availability.safeParse(row.availability);
  const preferences = notificationPreferences.safeParse(row.notification_preferences);
  if (!windows.success || !preferences.success) throw new CorruptDataError(`member ${row.id} has unreadable availability or preferences`);
  return {
    id: row.id,
    communityId: row.community_id,
    platformUserId: row.platform_user_id,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    onboardingStep: row.onboarding_step,
    onboardedAt: row.onboarded_at,
    bio: row.bio,
    jobTitle: row.job_title,
    yearsExperience: row.years_experience,
    mentorshipRole: row.mentorship_role,
    mentorshipTypes: row.mentorship_types,
    timezone: row.timezone,
    availability: windows.data,
    menteeCapacity: row.mentee_capacity,
    notTakingMenteesUntil: row.not_taking_mentees_until,
    notificationPreferences: preferences.data,
    codeOfConductAcceptedAt: row.code_of_conduct_accepted_at,
    statusReason: row.status_reason,
    joinedAt: row.joined_at,
    leftAt: row.left_at,
    erasedAt: row.erased_at,
  };
}

/**
 * One member of one community. A member id from another community answers
 * null, exactly like an id that does not exist: nothing crosses communities.
 * Pass `{ lock: true }` inside a transaction to hold the row until it ends.
 */
export async function findMember(db: Kysely<Database>, communityId: number, memberId: number, options: { lock?: boolean } = {}): Promise<MemberRecord | null> {
  let query = db.selectFrom('members').select(columns).where('community_id', '=', communityId).where('id', '=', memberId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toMember(row) : null;
}

/**
 * The community's ACTIVE members who were not erased, by id; `roles` narrows
 * them (the admins and owners to tell something), `ids` to the members asked for.
 */
export async function listActiveMembers(db: Kysely<Database>, communityId: number, filter: { roles?: readonly MemberRole[]; ids?: readonly number[] } = {}): Promise<MemberRecord[]> {
  if (filter.ids?.length === 0) return [];
  let query = db.selectFrom('members').select(columns).where('community_id', '=', communityId).where('status', '=', 'ACTIVE').where('erased_at', 'is', null);
  if (filter.roles) query = query.where('role', 'in', filter.roles);
  if (filter.ids) query = query.where('id', 'in', filter.ids);
  const rows = await query.orderBy('id').execute();
  return rows.map(toMember);
}

export async function findMemberByPlatformUser(db: Kysely<Database>, communityId: number, platformUserId: string): Promise<MemberRecord | null> {
  const row = await db
    .selectFrom('members')
    .select(columns)
    .where('community_id', '=', communityId)
    .where('platform_user_id', '=', platformUserId)
    .executeTakeFirst();
  return row ? toMember(row) : null;
}

/** Writes member columns; jsonb columns must come as JSON strings, as the table type says. */
export async function updateMember(db: Kysely<Database>, communityId: number, memberId: number, changes: MemberUpdate, now: Date): Promise<void> {
  await db.updateTable('members').set({ ...changes, updated_at: now }).where('community_id', '=', communityId).where('id', '=', memberId).execute();
}

/** The member's skills both ways, offered first, then by name. */
export async function listMemberSkills(db: Kysely<Database>, memberId: number): Promise<MemberSkill[]> {
  const rows = await db
    .selectFrom('member_skills')
    .innerJoin('skills', 'skills.id', 'member_skills.skill_id')
    .select(['member_skills.skill_id', 'member_skills.direction', 'member_skills.level', 'skills.name', 'skills.slug', 'skills.category', 'skills.archived_at'])
    .where('member_skills.member_id', '=', memberId)
    .orderBy('member_skills.direction', 'asc')
    .orderBy('skills.name')
    .execute();
  return rows.map((row) => ({
    skillId: row.skill_id,
    name: row.name,
    slug: row.slug,
    category: row.category,
    direction: row.direction,
    level: row.level,
    archived: row.archived_at !== null,
  }));
}

/**
 * Makes one direction of the member's skills exactly `skillIds`: removed ones
 * go, new ones come in at `newLevel`, and skills kept keep their level.
 */
export async function replaceMemberSkills(
  db: Kysely<Database>,
  memberId: number,
  direction: SkillDirection,
  skillIds: readonly number[],
  newLevel: number,
): Promise<void> {
  let removal = db.deleteFrom('member_skills').where('member_id', '=', memberId).where('direction', '=', direction);
  if (skillIds.length > 0) removal = removal.where('skill_id', 'not in', skillIds);
  await removal.execute();
  if (skillIds.length === 0) return;
  await db
    .insertInto('member_skills')
    .values(skillIds.map((skillId) => ({ member_id: memberId, skill_id: skillId, direction, level: newLevel })))
    .onConflict((conflict) => conflict.columns(['member_id', 'skill_id', 'direction']).doNothing())
    .execute();
}

export async function setSkillLevel(db: Kysely<Database>, memberId: number, skillId: number, direction: SkillDirection, level: number): Promise<void> {
  await db.updateTable('member_skills').set({ level }).where('member_id', '=', memberId).where('skill_id', '=', skillId).where('direction', '=', direction).execute();
}
