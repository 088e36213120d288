import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { listSkills, type Skill } from './skill.repository.js';

/** The community's active skills, by category; staff may include archived ones. */
export async function listCommunitySkills(
  deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  options: { includeArchived?: boolean } = {},
): Promise<Outcome<Skill[]>> {
  const auth = authorizeMember(actor, 'skills.list');
  if (!auth.ok) return auth;
  const includeArchived = options.includeArchived === true && auth.value.role !== 'REGULAR';
  return ok(await listSkills(deps.db, auth.value.communityId, { includeArchived }));
}
