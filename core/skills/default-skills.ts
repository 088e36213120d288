/**
 * The catalog every new community starts with: the ten skills of the product's
 * seed data (seed 002), each with a display name, a URL-friendly slug and a
 * category. Admins add, rename and archive skills per community afterwards.
 */
export interface SkillTemplate {
  readonly name: string;
  readonly slug: string;
  readonly category: string;
}

export const defaultSkills: readonly SkillTemplate[] = [
  { name: 'Frontend', slug: 'frontend', category: 'Software engineering' },
  { name: 'Backend', slug: 'backend', category: 'Software engineering' },
  { name: 'Mobile', slug: 'mobile', category: 'Software engineering' },
  { name: 'DevOps', slug: 'devops', category: 'Infrastructure' },
  { name: 'Cloud', slug: 'cloud', category: 'Infrastructure' },
  { name: 'Security', slug: 'security', category: 'Infrastructure' },
  { name: 'Databases', slug: 'databases', category: 'Data' },
  { name: 'Data Science', slug: 'data-science', category: 'Data' },
  { name: 'AI/ML', slug: 'ai-ml', category: 'Data' },
  { name: 'UI/UX Design', slug: 'ui-ux-design', category: 'Design' },
];
