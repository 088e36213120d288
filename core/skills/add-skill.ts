import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { countActiveSkills, insertSkills, type Skill } from './skill.repository.js';
import { maxActiveSkills, skillCategory, skillName, slugify } from './skill-input.js';

const addSkillInput = z.object({ name: skillName, category: skillCategory.default('General') });

/**
 * An admin adds a skill to the community's catalog. The slug comes from the
 * name; a name or slug already in the catalog (archived or not) is a conflict.
 */
export async function addSkill(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { name: string; category?: string }): Promise<Outcome<Skill>> {
  const auth = authorizeMember(actor, 'skills.add');
  if (!auth.ok) return auth;
  const parsed = addSkillInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { name, category } = parsed.data;

  return deps.db.transaction().execute(async (trx) => {
    // Serialise additions per community so two admins cannot both take the last slot.
    await trx.selectFrom('communities').select('id').where('id', '=', auth.value.communityId).forUpdate().execute();
    if ((await countActiveSkills(trx, auth.value.communityId)) >= maxActiveSkills) {
      return fail('limit-reached', `The catalog already has ${maxActiveSkills} active skills, as many as a menu can show. Archive one first.`);
    }
    // Conflicts on the slug or the case-insensitive name insert nothing.
    const [skill] = await insertSkills(trx, auth.value.communityId, [{ name, slug: slugify(name), category }]);
    if (skill) return ok(skill);
    return fail('conflict', `The catalog already has a skill named like "${name}". Rename or unarchive that one instead.`, [
      { field: 'name', message: 'Choose a name not already in the catalog.' },
    ]);
  });
}
