import type { Kysely } from 'kysely';
import { requireCommunity } from '../communities/community.repository.js';
import { findMember, listMemberSkills } from '../members/member.repository.js';
import { listSkills } from '../skills/skill.repository.js';
import type { Database } from '../store/database.js';
import type { SectionContext } from './section.js';

/**
 * Everything a profile form needs about one member, or null when the member is
 * not in this community. With `lock`, the member row is held until the
 * transaction ends, so two submissions of the same form apply one after the other.
 */
export async function loadSectionContext(
  db: Kysely<Database>,
  communityId: number,
  memberId: number,
  options: { lock?: boolean } = {},
): Promise<SectionContext | null> {
  const member = await findMember(db, communityId, memberId, options);
  if (!member) return null;
  const [skills, catalog, community] = [
    await listMemberSkills(db, member.id),
    await listSkills(db, communityId),
    await requireCommunity(db, communityId),
  ];
  return { member, skills, catalog, settings: community.settings };
}
