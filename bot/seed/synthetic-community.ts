import type { Kysely } from 'kysely';
import type { Database, MentorshipRole } from '../../core/store/database.js';
import { defaultSkills } from '../../core/skills/default-skills.js';

export interface SyntheticCommunityOptions {
  members: number;
  /** Same seed, same community: benchmarks compare like with like. */
  seed?: number;
  externalId?: string;
}

/** A small, fast, seeded random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const timezones = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Africa/Lagos', 'America/Sao_Paulo', 'Australia/Sydney', 'UTC'];
const types = ['career-growth', 'technical-skills', 'code-review', 'interview-prep'];
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Inserts a community of `members` onboarded members with random but plausible
 * profiles (a third mentors, half mentees, the rest both), in batches.
 * Returns the community id. For benchmarks and load tests, not for people.
 */
export async function generateSyntheticCommunity(db: Kysely<Database>, options: SyntheticCommunityOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const community = await db.insertInto('communities')
    .values({ platform: 'discord', external_id: options.externalId ?? `synthetic-${options.members}-${options.seed ?? 42}`, name: `Synthetic community of ${options.members}`, settings: '{}' })
    .returning('id').executeTakeFirstOrThrow();
  const skills = await db.insertInto('skills')
    .values(defaultSkills.map((skill) => ({ community_id: community.id, name: skill.name, slug: skill.slug, category: skill.category })))
    .returning('id').execute();

  const batchSize = 1_000;
  for (let offset = 0; offset < options.members; offset += batchSize) {
    const count = Math.min(batchSize, options.members - offset);
    const rows = Array.from({ length: count }, (_, index) => {
      const draw = random();
      const role: MentorshipRole = draw < 0.33 ? 'MENTOR' : draw < 0.83 ? 'MENTEE' : 'BOTH';
      const startHour = 8 + Math.floor(random() * 12);
      return {
        community_id: community.id,
        platform_user_id: `synthetic-${offset + index}`,
        display_name: `Member ${offset + index}`,
        onboarding_step: 'DONE' as const,
        onboarded_at: new Date(),
        years_experience: Math.floor(random() * 25),
        mentorship_role: role,
        mentorship_types: types.filter(() => random() < 0.5),
        timezone: pick(timezones),
        availability: JSON.stringify([{ day: pick(days), start: `${String(startHour).padStart(2, '0')}:00`, end: `${String(startHour + 2).padStart(2, '0')}:00` }]),
        mentee_capacity: role === 'MENTEE' ? 0 : 1 + Math.floor(random() * 3),
      };
    });
    const inserted = await db.insertInto('members').values(rows).returning(['id', 'mentorship_role']).execute();
    const memberSkills = inserted.flatMap((member) => {
      const chosen = new Map<string, { member_id: number; skill_id: number; direction: 'OFFER' | 'SEEK'; level: number }>();
      const add = (direction: 'OFFER' | 'SEEK', count: number) => {
        for (let i = 0; i < count; i++) {
          const skill = pick(skills).id;
          chosen.set(`${skill}:${direction}`, { member_id: member.id, skill_id: skill, direction, level: 1 + Math.floor(random() * 5) });
        }
      };
      if (member.mentorship_role !== 'MENTEE') add('OFFER', 2 + Math.floor(random() * 4));
      if (member.mentorship_role !== 'MENTOR') add('SEEK', 1 + Math.floor(random() * 3));
      return [...chosen.values()];
    });
    if (memberSkills.length) await db.insertInto('member_skills').values(memberSkills).execute();
  }
  return community.id;
}
