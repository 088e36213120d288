import { interactionId } from '../interaction-ids.js';
import { skillLevelLabels, type MemberSkill } from '../members/member.js';
import { modal, modalLimits, truncate, type ModalSpec } from '../reply.js';

/** One select per skill, so a page holds as many skills as a modal holds inputs. */
export const skillsPerLevelsPage = modalLimits.inputs;

/** The input id for one skill's level: direction and skill id, e.g. 'OFFER-12'. */
export function levelInputId(skill: Pick<MemberSkill, 'direction' | 'skillId'>): string {
  return `${skill.direction}-${skill.skillId}`;
}

export function levelsPageCount(skills: readonly MemberSkill[]): number {
  return Math.ceil(skills.length / skillsPerLevelsPage);
}

/** Page `page` of the levels form, or null past the last page (or with no skills). */
export function skillLevelsModal(skills: readonly MemberSkill[], page: number): ModalSpec | null {
  const onPage = skills.slice(page * skillsPerLevelsPage, (page + 1) * skillsPerLevelsPage);
  if (page < 0 || onPage.length === 0) return null;
  const pages = levelsPageCount(skills);
  return modal({
    customId: interactionId('profile', 'save-levels', page),
    title: pages > 1 ? `Skill levels (${page + 1} of ${pages})` : 'Skill levels',
    submitLabel: 'Save',
    inputs: onPage.map((skill) => ({
      type: 'select' as const,
      id: levelInputId(skill),
      label: truncate(`${skill.direction === 'OFFER' ? 'You teach' : 'You learn'}: ${skill.name}`, modalLimits.labelLength),
      required: true,
      minValues: 1,
      maxValues: 1,
      options: skillLevelLabels.map((label, index) => ({ value: String(index + 1), label: `${index + 1} · ${label}` })),
      initialValues: [String(skill.level)],
    })),
  });
}
