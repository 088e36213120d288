import { sql } from 'kysely';
import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';
import type { MemberRole, MemberStatus } from '../store/database.js';

export const memberStatuses = ['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'LEFT'] as const satisfies readonly MemberStatus[];
export const memberRoles = ['REGULAR', 'ADMIN', 'OWNER'] as const satisfies readonly MemberRole[];

/** Filters as the members page's query string carries them; empty strings mean "any". */
export const memberFilters = z.object({
  q: z.string().trim().max(100, 'Keep the search under 100 characters.').optional(),
  status: z.enum(memberStatuses, 'Choose a status from the list.').optional(),
  role: z.enum(memberRoles, 'Choose a role from the list.').optional(),
  skillId: z.coerce.number().int().positive('Choose a skill from the list.').optional(),
});
export type MemberFilters = z.infer<typeof memberFilters>;

export interface MemberRow {
  readonly id: number;
  readonly displayName: string;
  readonly platformUserId: string;
  readonly role: MemberRole;
  readonly status: MemberStatus;
  readonly statusReason: string | null;
  readonly joinedAt: Date;
  readonly offers: readonly string[];
  readonly seeks: readonly string[];
}

/** At most this many rows on one page; the search narrows further. */
export const memberListLimit = 200;

/**
 * The community's members for the admin site, filtered; erased members are
 * left out (nothing of them is left to manage). Waiting for approval first,
 * then by name.
 */
export async function listMembers(deps: Pick<CoreDeps, 'db'>, actor: Actor, filters: Record<string, unknown>): Promise<Outcome<{ members: MemberRow[]; filters: MemberFilters; truncated: boolean }>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const parsed = memberFilters.safeParse(Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '' && value !== undefined)));
  if (!parsed.success) return invalidInput(parsed.error, 'Some filters are not valid.');
  const { q, status, role, skillId } = parsed.data;

  let query = deps.db
    .selectFrom('members')
    .select(['id', 'display_name', 'platform_user_id', 'role', 'status', 'status_reason', 'joined_at'])
    .where('community_id', '=', auth.value.communityId)
    .where('erased_at', 'is', null);
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    query = query.where((eb) => eb.or([eb('display_name', 'ilike', pattern), eb('platform_user_id', 'ilike', pattern)]));
  }
  if (status) query = query.where('status', '=', status);
  if (role) query = query.where('role', '=', role);
  if (skillId) query = query.where((eb) => eb.exists(eb.selectFrom('member_skills').select(sql`1`.as('one')).whereRef('member_skills.member_id', '=', 'members.id').where('member_skills.skill_id', '=', skillId)));
  const rows = await query
    .orderBy(sql`status = 'PENDING_APPROVAL'`, 'desc')
    .orderBy('display_name')
    .orderBy('id')
    .limit(memberListLimit + 1)
    .execute();
  const page = rows.slice(0, memberListLimit);

  const skills = page.length === 0 ? [] : await deps.db
    .selectFrom('member_skills')
    .innerJoin('skills', 'skills.id', 'member_skills.skill_id')
    .select(['member_skills.member_id', 'member_skills.direction', 'skills.name'])
    .where('member_skills.member_id', 'in', page.map((row) => row.id))
    .orderBy('skills.name')
    .execute();
  const skillsOf = (memberId: number, direction: 'OFFER' | 'SEEK') => skills.filter((skill) => skill.member_id === memberId && skill.direction === direction).map((skill) => skill.name);

  return ok({
    filters: parsed.data,
    truncated: rows.length > memberListLimit,
    members: page.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      platformUserId: row.platform_user_id,
      role: row.role,
      status: row.status,
      statusReason: row.status_reason,
      joinedAt: row.joined_at,
      offers: skillsOf(row.id, 'OFFER'),
      seeks: skillsOf(row.id, 'SEEK'),
    })),
  });
}
