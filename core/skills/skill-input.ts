import { z } from 'zod';

/**
 * The catalog holds at most as many active skills as one select menu shows
 * (Discord's limit is 25 options), so onboarding can offer every skill in one
 * select each way. Archive a skill to make room.
 */
export const maxActiveSkills = 25;

/** A URL-friendly slug: 'AI/ML' becomes 'ai-ml'. Empty when the name has no letters or digits. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, 'plus')
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export const skillName = z
  .string()
  .trim()
  .min(1, { error: 'Give the skill a name.', abort: true })
  .max(60, 'Keep skill names under 60 characters.')
  .refine((name) => slugify(name) !== '', 'Use at least one letter or digit in the name.');

export const skillCategory = z.string().trim().min(1, 'Give the category a name.').max(60, 'Keep category names under 60 characters.');
