import { sql } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { toCsv } from './csv.js';

export const csvExports = ['members', 'mentorships', 'sessions'] as const;
export type CsvExport = (typeof csvExports)[number];

/**
 * One of the community's CSV exports, for spreadsheets. Erased members are
 * left out; session notes (private to the pair) never leave the database.
 */
export async function exportCsv(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { export: CsvExport }): Promise<Outcome<{ filename: string; csv: string }>> {
  const auth = authorizeMember(actor, 'admin.view');
  if (!auth.ok) return auth;
  const { communityId } = auth.value;
  const csv = await exporters[input.export](deps, communityId);
  return ok({ filename: `community-${communityId}-${input.export}.csv`, csv });
}

const exporters: Record<CsvExport, (deps: Pick<CoreDeps, 'db'>, communityId: number) => Promise<string>> = {
  async members({ db }, communityId) {
    const rows = await db
      .selectFrom('members')
      .select([
        'id', 'display_name', 'platform_user_id', 'role', 'status', 'status_reason', 'joined_at', 'onboarded_at', 'mentorship_role', 'years_experience', 'timezone',
        sql<string>`coalesce((select string_agg(s.name, '; ' order by s.name) from member_skills ms join skills s on s.id = ms.skill_id where ms.member_id = members.id and ms.direction = 'OFFER'), '')`.as('offers'),
        sql<string>`coalesce((select string_agg(s.name, '; ' order by s.name) from member_skills ms join skills s on s.id = ms.skill_id where ms.member_id = members.id and ms.direction = 'SEEK'), '')`.as('seeks'),
      ])
      .where('community_id', '=', communityId)
      .where('erased_at', 'is', null)
      .orderBy('id')
      .execute();
    return toCsv(
      ['id', 'name', 'platform user id', 'role', 'status', 'status reason', 'joined at', 'onboarded at', 'mentorship role', 'years of experience', 'timezone', 'offers', 'seeks'],
      rows.map((row) => [row.id, row.display_name, row.platform_user_id, row.role, row.status, row.status_reason, row.joined_at, row.onboarded_at, row.mentorship_role, row.years_experience, row.timezone, row.offers, row.seeks]),
    );
  },
  async mentorships({ db }, communityId) {
    const rows = await db
      .selectFrom('mentorships as m')
      .leftJoin('members as mentor', 'mentor.id', 'm.mentor_id')
      .leftJoin('members as mentee', 'mentee.id', 'm.mentee_id')
      .select([
        'm.id', 'm.status', 'm.description', 'm.end_date', 'm.created_at', 'm.accepted_at', 'm.ended_at', 'm.last_activity_at', 'm.message_count',
        'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name',
        sql<number>`(select count(*)::int from mentoring_sessions s where s.mentorship_id = m.id and s.status = 'COMPLETED')`.as('sessions_completed'),
      ])
      .where('m.community_id', '=', communityId)
      .orderBy('m.id')
      .execute();
    return toCsv(
      ['id', 'status', 'mentor', 'mentee', 'description', 'end date', 'requested at', 'accepted at', 'ended at', 'last activity at', 'messages', 'sessions completed'],
      rows.map((row) => [row.id, row.status, row.mentor_name, row.mentee_name, row.description, row.end_date, row.created_at, row.accepted_at, row.ended_at, row.last_activity_at, row.message_count, row.sessions_completed]),
    );
  },
  async sessions({ db }, communityId) {
    const rows = await db
      .selectFrom('mentoring_sessions as s')
      .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
      .leftJoin('members as mentor', 'mentor.id', 'm.mentor_id')
      .leftJoin('members as mentee', 'mentee.id', 'm.mentee_id')
      .select(['s.id', 's.mentorship_id', 's.starts_at', 's.duration_minutes', 's.kind', 's.status', 's.agenda', 'mentor.display_name as mentor_name', 'mentee.display_name as mentee_name'])
      .where('m.community_id', '=', communityId)
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .execute();
    return toCsv(
      ['id', 'mentorship id', 'mentor', 'mentee', 'starts at', 'duration (minutes)', 'kind', 'status', 'agenda'],
      rows.map((row) => [row.id, row.mentorship_id, row.mentor_name, row.mentee_name, row.starts_at, row.duration_minutes, row.kind, row.status, row.agenda]),
    );
  },
};
