import { findMemberByPlatformUser } from '../../../../core/members/member.repository.js';
import { problemReply } from '../../../../core/problem-reply.js';
import { viewMemberProfile } from '../../../../core/profiles/view-member-profile.js';
import { viewOwnProfile } from '../../../../core/profiles/view-own-profile.js';
import type { CommandHandler } from '../../handler.js';

/** `/mentor profile [@member]`: your own profile with its edit buttons, or another member's public one. */
export const profile: CommandHandler = async ({ deps, actor, community, respond }, { options }) => {
  const target = options.member;
  if (!target || target === actor.platformUserId) {
    const own = await viewOwnProfile(deps, actor);
    return respond.send(own.ok ? own.value.reply : problemReply(own.problem));
  }
  const member = await findMemberByPlatformUser(deps.db, community.id, target);
  if (!member) return respond.send(problemReply({ code: 'not-found', message: 'That member has no profile to show.' }));
  const other = await viewMemberProfile(deps, actor, { memberId: member.id });
  await respond.send(other.ok ? other.value.reply : problemReply(other.problem));
};
