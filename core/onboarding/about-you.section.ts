import { z } from 'zod';
import { textValue } from '../forms/form-values.js';
import { updateMember } from '../members/member.repository.js';
import { invalidInput, ok } from '../outcome.js';
import { modal } from '../reply.js';
import type { ProfileSection } from './section.js';

export const maxBioLength = 1000;

const aboutYou = z.object({
  jobTitle: z.string().trim().max(100, 'Keep your job title under 100 characters.').transform((title) => title || null),
  yearsExperience: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'Give your years of experience as a whole number, e.g. 3 (0 if you are starting out).')
    .transform(Number)
    .pipe(z.int().max(60, 'Give at most 60 years of experience.')),
  bio: z.string().trim().max(maxBioLength, `Keep your bio under ${maxBioLength.toLocaleString('en')} characters.`).transform((bio) => bio || null),
});

/** Who you are: job title, years of experience, a short bio. */
export const aboutYouSection: ProfileSection = {
  name: 'PROFILE',
  title: 'About you',
  form({ member }, customId) {
    return modal({
      customId,
      title: 'About you',
      submitLabel: 'Save',
      inputs: [
        { type: 'text', id: 'jobTitle', label: 'Job title', style: 'short', required: false, maxLength: 100, value: member.jobTitle ?? '', placeholder: 'e.g. Backend developer, student' },
        {
          type: 'text', id: 'yearsExperience', label: 'Years of experience in tech', style: 'short', required: true, minLength: 1, maxLength: 2,
          value: member.yearsExperience?.toString() ?? '', placeholder: '0 if you are just starting',
        },
        {
          type: 'text', id: 'bio', label: 'A few words about you', style: 'paragraph', required: false, maxLength: maxBioLength, value: member.bio ?? '',
          placeholder: 'What you work on, what you enjoy, what you hope to get from mentorship',
        },
      ],
    });
  },
  parse(values, { member }) {
    const parsed = aboutYou.safeParse({ jobTitle: textValue(values, 'jobTitle'), yearsExperience: textValue(values, 'yearsExperience'), bio: textValue(values, 'bio') });
    if (!parsed.success) return invalidInput(parsed.error, undefined, { form: true });
    const { jobTitle, yearsExperience, bio } = parsed.data;
    return ok((db, now) => updateMember(db, member.communityId, member.id, { job_title: jobTitle, years_experience: yearsExperience, bio }, now));
  },
};
