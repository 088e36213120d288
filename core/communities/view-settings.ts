import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { requireCommunity } from './community.repository.js';
import type { CommunitySettings } from './settings.js';

/** Admins read the community's settings, defaults filled in. */
export async function viewSettings(deps: Pick<CoreDeps, 'db'>, actor: Actor): Promise<Outcome<CommunitySettings>> {
  const auth = authorizeMember(actor, 'settings.view');
  if (!auth.ok) return auth;
  const community = await requireCommunity(deps.db, auth.value.communityId);
  return ok(community.settings);
}
