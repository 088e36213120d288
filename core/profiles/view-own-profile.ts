import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { findMember, listMemberSkills } from '../members/member.repository.js';
import { ok, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import { personalStats } from './personal-stats.js';
import { toOwnProfile, type OwnProfile } from './profile.js';
import { ownProfileMessage } from './profile.reply.js';

/** The member's own profile with their stats and settings, and the reply that shows it. */
export async function viewOwnProfile(deps: CoreDeps, actor: Actor): Promise<Outcome<{ profile: OwnProfile; reply: Message }>> {
  const auth = authorizeMember(actor, 'profile.view-own');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const member = await findMember(deps.db, communityId, memberId);
  if (!member) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
  const profile = toOwnProfile(member, await listMemberSkills(deps.db, memberId), await personalStats(deps.db, memberId));
  return ok({ profile, reply: ownProfileMessage(profile, deps.clock.now()) });
}
