import { z } from 'zod';
import { choiceValues } from '../forms/form-values.js';
import { mentorshipTypeLabels, mentorshipTypes, type MemberSkill } from '../members/member.js';
import { replaceMemberSkills, updateMember } from '../members/member.repository.js';
import { invalidInput, ok } from '../outcome.js';
import { modal, truncate, type ModalInput } from '../reply.js';
import type { Skill } from '../skills/skill.repository.js';
import type { SkillDirection } from '../store/database.js';
import type { ProfileSection } from './section.js';

export const maxSkillsEachWay = 15;
/** New skills start in the middle; the skill-levels form refines them. */
export const initialSkillLevel = 3;

const roleLabels = { MENTOR: 'Mentor others', MENTEE: 'Be mentored', BOTH: 'Both' } as const;

function goalsSchema(catalog: readonly Skill[]) {
  const known = new Set(catalog.map((skill) => String(skill.id)));
  const skillIds = (what: string) =>
    z
      .array(z.string().refine((id) => known.has(id), 'Pick skills from the list; that one is no longer in the catalog.'))
      .max(maxSkillsEachWay, `Pick at most ${maxSkillsEachWay} skills you ${what}.`)
      .transform((ids) => [...new Set(ids)].map(Number));
  return z
    .object({
      mentorshipRole: z.enum(['MENTOR', 'MENTEE', 'BOTH'], 'Choose whether you want to mentor, be mentored, or both.'),
      mentorshipTypes: z.array(z.enum(mentorshipTypes, 'Pick kinds of mentorship from the list.')).min(1, 'Pick at least one kind of mentorship.'),
      offeredSkills: skillIds('can mentor in'),
      wantedSkills: skillIds('want to learn'),
    })
    .superRefine((goals, context) => {
      if (goals.mentorshipRole !== 'MENTEE' && goals.offeredSkills.length === 0) {
        context.addIssue({ code: 'custom', path: ['offeredSkills'], message: 'Pick at least one skill you can mentor in, or choose "Be mentored".' });
      }
      if (goals.mentorshipRole !== 'MENTOR' && goals.wantedSkills.length === 0) {
        context.addIssue({ code: 'custom', path: ['wantedSkills'], message: 'Pick at least one skill you want to learn, or choose "Mentor others".' });
      }
    });
}

function skillSelect(id: string, label: string, catalog: readonly Skill[], chosen: readonly MemberSkill[], direction: SkillDirection): ModalInput {
  const active = new Set(catalog.map((skill) => skill.id));
  return {
    type: 'select', id, label, required: false, minValues: 0, maxValues: Math.min(maxSkillsEachWay, catalog.length),
    options: catalog.map((skill) => ({ value: String(skill.id), label: truncate(skill.name, 100), description: truncate(skill.category, 100) })),
    initialValues: chosen.filter((skill) => skill.direction === direction && active.has(skill.skillId)).map((skill) => String(skill.skillId)),
  };
}

/**
 * What you want: mentor, mentee or both; kinds of mentorship; skills offered
 * and wanted. Levels do not fit in the same form (five components at most), so
 * new skills start at level 3 and the skill-levels form sets them.
 */
export const goalsSection: ProfileSection = {
  name: 'GOALS',
  title: 'What you are looking for',
  form({ member, skills, catalog }, customId) {
    const inputs: ModalInput[] = [
      {
        type: 'select', id: 'mentorshipRole', label: 'Do you want to mentor or be mentored?', required: true, minValues: 1, maxValues: 1,
        options: Object.entries(roleLabels).map(([value, label]) => ({ value, label })),
        initialValues: member.mentorshipRole ? [member.mentorshipRole] : [],
      },
      {
        type: 'select', id: 'mentorshipTypes', label: 'Kinds of mentorship', required: true, minValues: 1, maxValues: mentorshipTypes.length,
        options: mentorshipTypes.map((type) => ({ value: type, label: mentorshipTypeLabels[type] })),
        initialValues: member.mentorshipTypes.filter((type) => (mentorshipTypes as readonly string[]).includes(type)),
      },
    ];
    // An empty catalog (every skill archived) cannot make a select; the role and kinds still save.
    if (catalog.length > 0) {
      inputs.push(skillSelect('offeredSkills', 'Skills you can mentor in', catalog, skills, 'OFFER'));
      inputs.push(skillSelect('wantedSkills', 'Skills you want to learn', catalog, skills, 'SEEK'));
    }
    return modal({ customId, title: 'What you are looking for', submitLabel: 'Save', inputs });
  },
  parse(values, { member, catalog }) {
    const parsed = goalsSchema(catalog).safeParse({
      mentorshipRole: choiceValues(values, 'mentorshipRole')[0],
      mentorshipTypes: choiceValues(values, 'mentorshipTypes'),
      offeredSkills: choiceValues(values, 'offeredSkills'),
      wantedSkills: choiceValues(values, 'wantedSkills'),
    });
    if (!parsed.success) return invalidInput(parsed.error, undefined, { form: true });
    const goals = parsed.data;
    return ok(async (db, now) => {
      await updateMember(db, member.communityId, member.id, { mentorship_role: goals.mentorshipRole, mentorship_types: [...new Set(goals.mentorshipTypes)] }, now);
      // A mentee-only member offers nothing, and the reverse, whatever the form sent.
      await replaceMemberSkills(db, member.id, 'OFFER', goals.mentorshipRole === 'MENTEE' ? [] : goals.offeredSkills, initialSkillLevel);
      await replaceMemberSkills(db, member.id, 'SEEK', goals.mentorshipRole === 'MENTOR' ? [] : goals.wantedSkills, initialSkillLevel);
    });
  },
};
