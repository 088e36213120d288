import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { choiceValues } from '../forms/form-values.js';
import { interactionId } from '../interaction-ids.js';
import { listMemberSkills, setSkillLevel } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type FormValues, type Message } from '../reply.js';
import { levelInputId, levelsPageCount } from './skill-levels.js';

const level = z.enum(['1', '2', '3', '4', '5'], 'Choose a level from 1 (beginner) to 5 (expert).').transform(Number);

/**
 * Saves the levels of one page of the skill-levels form. Every value must be
 * a level of a skill the member has; otherwise nothing is saved. Answers with
 * a button to the next page while there is one.
 */
export async function setSkillLevels(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { page: number; values: FormValues }): Promise<Outcome<Message>> {
  const auth = authorizeMember(actor, 'profile.skill-levels');
  if (!auth.ok) return auth;
  const { memberId } = auth.value;

  return deps.db.transaction().execute(async (trx) => {
    const skills = (await listMemberSkills(trx, memberId)).filter((skill) => !skill.archived);
    const byInput = new Map(skills.map((skill) => [levelInputId(skill), skill]));
    const problems: { field: string; message: string }[] = [];
    const changes: { skillId: number; direction: 'OFFER' | 'SEEK'; level: number }[] = [];
    for (const id of Object.keys(input.values)) {
      const skill = byInput.get(id);
      const parsed = level.safeParse(choiceValues(input.values, id)[0]);
      if (!skill) problems.push({ field: id, message: 'That skill is no longer on your profile; open the form again.' });
      else if (!parsed.success) problems.push({ field: id, message: parsed.error.issues[0]?.message ?? 'Choose a level from 1 to 5.' });
      else changes.push({ skillId: skill.skillId, direction: skill.direction, level: parsed.data });
    }
    if (problems.length > 0) return fail('invalid-input', 'Some levels need fixing.', problems);
    for (const change of changes) await setSkillLevel(trx, memberId, change.skillId, change.direction, change.level);

    const next = input.page + 1;
    const more = next < levelsPageCount(skills);
    return ok(privateMessage([more ? 'Levels saved. A few more skills to rate:' : 'Levels saved.'], {
      actions: more ? [{ type: 'button', customId: interactionId('profile', 'levels', next), label: 'Next skills', style: 'primary' }] : [],
    }));
  });
}
