import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { listMemberSkills } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { ModalSpec } from '../reply.js';
import { skillLevelsModal } from './skill-levels.js';

/** A page of the form that sets a level (1 to 5) for each of the member's skills. */
export async function openSkillLevels(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { page: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'profile.skill-levels');
  if (!auth.ok) return auth;
  const skills = (await listMemberSkills(deps.db, auth.value.memberId)).filter((skill) => !skill.archived);
  const form = skillLevelsModal(skills, input.page);
  return form ? ok(form) : fail('not-found', 'There are no skills to rate there. Choose your skills first.');
}
