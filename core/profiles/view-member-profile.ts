import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { findMember, listMemberSkills } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import { personalStats } from './personal-stats.js';
import { toPublicProfile, type PublicProfile } from './profile.js';
import { publicProfileMessage } from './profile.reply.js';

/**
 * Another member's public profile. Only members who take part in matching
 * (ACTIVE and onboarded) can be seen; admins and owners may see anyone in
 * their community who has not erased their data. Anyone else, or a member of
 * another community, answers not-found, so the answer reveals nothing.
 */
export async function viewMemberProfile(deps: CoreDeps, actor: Actor, input: { memberId: number }): Promise<Outcome<{ profile: PublicProfile; reply: Message }>> {
  const auth = authorizeMember(actor, 'profile.view-member');
  if (!auth.ok) return auth;
  const member = await findMember(deps.db, auth.value.communityId, input.memberId);
  const staff = auth.value.role !== 'REGULAR';
  const visible = member !== null && member.erasedAt === null && (staff || (member.status === 'ACTIVE' && member.onboardingStep === 'DONE'));
  if (!visible) return fail('not-found', 'That member has no profile to show.');
  const profile = toPublicProfile(member, await listMemberSkills(deps.db, member.id), await personalStats(deps.db, member.id));
  return ok({ profile, reply: publicProfileMessage(profile, deps.clock.now()) });
}
