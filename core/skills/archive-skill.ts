import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { findSkill, updateSkill, type Skill } from './skill.repository.js';

/**
 * An admin archives a skill: it leaves onboarding and profile menus, but
 * members who chose it keep it and past matches still read. Archiving twice
 * is harmless.
 */
export async function archiveSkill(deps: Pick<CoreDeps, 'db' | 'clock'>, actor: Actor, input: { skillId: number }): Promise<Outcome<Skill>> {
  const auth = authorizeMember(actor, 'skills.archive');
  if (!auth.ok) return auth;
  const existing = await findSkill(deps.db, auth.value.communityId, input.skillId);
  if (!existing) return fail('not-found', 'That skill is not in this community’s catalog.');
  if (existing.archivedAt) return ok(existing);
  const archived = await updateSkill(deps.db, auth.value.communityId, input.skillId, { archivedAt: deps.clock.now() });
  return archived ? ok(archived) : fail('not-found', 'That skill is not in this community’s catalog.');
}
