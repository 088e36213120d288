import { sql } from 'kysely';
import { findCommunity } from '../communities/community.repository.js';
import type { CommunitySettings } from '../communities/settings.js';
import type { CoreDeps } from '../deps.js';

export interface PublicProgram {
  readonly communityId: number;
  readonly communityName: string;
  readonly programName: string;
  readonly about: string;
  readonly faq: CommunitySettings['faq'];
  readonly branding: CommunitySettings['branding'];
  readonly codeOfConduct: string;
  readonly numbers: { readonly members: number; readonly mentors: number; readonly activeMentorships: number; readonly completedMentorships: number; readonly sessionsHeld: number };
  /** Testimonials their authors chose to make public, newest first, without names. */
  readonly testimonials: readonly { text: string; rating: number }[];
}

/**
 * What anyone may see of a community's program: its description, FAQ and live
 * numbers, and only testimonials marked public. Null for a community that does
 * not exist or is inactive. Read-only and anonymous, so no policy row.
 */
export async function viewPublicProgram(deps: Pick<CoreDeps, 'db'>, communityId: number): Promise<PublicProgram | null> {
  const community = await findCommunity(deps.db, communityId);
  if (!community || community.status !== 'ACTIVE') return null;
  const { db } = deps;
  const [members, mentorships, sessions, testimonials] = await Promise.all([
    db.selectFrom('members')
      .select([
        sql<number>`count(*)::int`.as('members'),
        sql<number>`count(*) filter (where mentorship_role in ('MENTOR', 'BOTH'))::int`.as('mentors'),
      ])
      .where('community_id', '=', communityId).where('status', '=', 'ACTIVE').where('erased_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db.selectFrom('mentorships')
      .select([sql<number>`count(*) filter (where status = 'ACCEPTED')::int`.as('active'), sql<number>`count(*) filter (where status = 'COMPLETED')::int`.as('completed')])
      .where('community_id', '=', communityId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('mentoring_sessions as s').innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
      .select(sql<number>`count(*)::int`.as('held'))
      .where('m.community_id', '=', communityId).where('s.status', '=', 'COMPLETED')
      .executeTakeFirstOrThrow(),
    db.selectFrom('feedback as f').innerJoin('mentorships as m', 'm.id', 'f.mentorship_id')
      .select(['f.testimonial', 'f.rating'])
      .where('m.community_id', '=', communityId).where('f.testimonial_public', '=', true).where('f.testimonial', 'is not', null)
      .orderBy('f.created_at', 'desc').limit(6)
      .execute(),
  ]);
  return {
    communityId,
    communityName: community.name,
    programName: community.settings.programName,
    about: community.settings.about,
    faq: community.settings.faq,
    branding: community.settings.branding,
    codeOfConduct: community.settings.codeOfConduct.text,
    numbers: { members: members.members, mentors: members.mentors, activeMentorships: mentorships.active, completedMentorships: mentorships.completed, sessionsHeld: sessions.held },
    testimonials: testimonials.flatMap((row) => (row.testimonial ? [{ text: row.testimonial, rating: row.rating }] : [])),
  };
}
