import { resolveActor } from '../access/resolve-actor.js';
import type { CoreDeps } from '../deps.js';
import { communityByIdOrName } from '../communities/community-by-id-or-name.js';
import { fail, type Outcome } from '../outcome.js';
import { createLoginLink, type LoginLink } from './create-login-link.js';

/**
 * A login link for the first active owner of a community, for the operator
 * of a fresh install (`npm run admin:link`), who has no admin yet to ask the
 * bot from chat. The community is given by id, or by its exact name
 * ({@link communityByIdOrName}). The link is made as that owner, through
 * {@link createLoginLink}, so the policy table still decides.
 */
export async function ownerLoginLink(deps: CoreDeps, input: { community: string; publicUrl: string }): Promise<Outcome<LoginLink & { communityName: string; ownerName: string }>> {
  const found = await communityByIdOrName(deps.db, input.community);
  if (!found.ok) return found;
  const community = found.value;
  const owner = await deps.db
    .selectFrom('members')
    .select(['platform_user_id', 'display_name'])
    .where('community_id', '=', community.id)
    .where('role', '=', 'OWNER')
    .where('status', '=', 'ACTIVE')
    .where('erased_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .executeTakeFirst();
  if (!owner) return fail('not-found', `"${community.name}" has no active owner yet: the bot makes one when it joins the server or workspace.`);
  const actor = await resolveActor(deps.db, { communityId: community.id, platformUserId: owner.platform_user_id });
  const link = await createLoginLink(deps, actor, { publicUrl: input.publicUrl });
  if (!link.ok) return link;
  return { ok: true, value: { ...link.value, communityName: community.name, ownerName: owner.display_name } };
}
