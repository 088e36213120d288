import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { updateSkill, type Skill } from './skill.repository.js';
import { skillCategory, skillName, slugify } from './skill-input.js';

const renameSkillInput = z.object({ skillId: z.int().positive(), name: skillName, category: skillCategory.optional() });

/**
 * An admin renames a skill (and may move it to another category). The slug
 * follows the new name; members who chose the skill keep it.
 */
export async function renameSkill(
  deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  input: { skillId: number; name: string; category?: string },
): Promise<Outcome<Skill>> {
  const auth = authorizeMember(actor, 'skills.rename');
  if (!auth.ok) return auth;
  const parsed = renameSkillInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { skillId, name, category } = parsed.data;
  try {
    const skill = await updateSkill(deps.db, auth.value.communityId, skillId, { name, slug: slugify(name), ...(category ? { category } : {}) });
    return skill ? ok(skill) : fail('not-found', 'That skill is not in this community’s catalog.');
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return fail('conflict', `Another skill is already named like "${name}".`, [{ field: 'name', message: 'Choose a name not already in the catalog.' }]);
  }
}
