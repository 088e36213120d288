import { weekdays, type Weekday } from '../members/availability.js';
import { mentorshipTypes } from '../members/member.js';
import { weeklyUtcMinutes, type MatchingMember } from './matching-profile.js';
import { createSeededRandom, randomInteger } from './seeded-random.js';

export interface GeneratedMembersOptions {
  readonly mentors: number;
  readonly mentees: number;
  /** Members who both mentor and want mentoring. */
  readonly both?: number;
  readonly seed: number;
  /** Size of the skill catalog; ids run 1..skillCount. */
  readonly skillCount?: number;
  /** Free seats of every mentor; random 1 to 3 when absent. */
  readonly capacity?: number;
}

/**
 * Matching members that look like a real community, in memory, for benchmarks and property tests: skill
 * popularity falls off like a power law, mentors offer two to six skills mostly at levels 2 to 5,
 * mentees want one to three mostly at low levels, members live in three regions (some zones half an
 * hour off), have one to three weekly windows in the evening, and share some kinds of mentorship.
 * Member ids run from 1 in the order mentors, both, mentees.
 */
export function generateMatchingMembers(options: GeneratedMembersOptions): MatchingMember[] {
  const { mentors, mentees, both = 0, seed, skillCount = 24 } = options;
  const random = createSeededRandom(seed);
  const pickSkill = skillPicker(random, skillCount);
  const members: MatchingMember[] = [];
  const total = mentors + both + mentees;
  for (let at = 0; at < total; at++) {
    const isMentor = at < mentors + both;
    const isMentee = at >= mentors;
    const offset = randomOffset(random);
    const offers = new Map<number, number>();
    const seeks = new Map<number, number>();
    if (isMentor) for (const skill of distinct(pickSkill, randomInteger(random, Math.min(2, skillCount), Math.min(6, skillCount)))) offers.set(skill, randomInteger(random, 2, 5));
    if (isMentee) {
      for (const skill of distinct(pickSkill, Math.min(skillCount, 1 + Math.floor(random() * random() * 3)))) {
        if (!offers.has(skill)) seeks.set(skill, 1 + Math.floor(random() ** 1.5 * 5));
      }
      if (seeks.size === 0) seeks.set(1 + ((pickSkill() + 1) % skillCount), 1);
    }
    const spareSeats = isMentor ? (options.capacity ?? randomInteger(random, 1, 3)) : 0;
    members.push({
      memberId: at + 1,
      offers: new Map([...offers].sort((left, right) => left[0] - right[0])),
      seeks: new Map([...seeks].sort((left, right) => left[0] - right[0])),
      mentorshipTypes: mentorshipTypes.filter(() => random() < 0.4),
      weeklyUtcMinutes: weeklyUtcMinutes(randomWindows(random), offset),
      utcOffsetMinutes: offset,
      yearsExperience: isMentor ? randomInteger(random, 3, 25) : Math.floor(random() * random() * 12),
      spareSeats,
      medianAnswerHours: random() < 0.3 ? null : Math.round(random() * random() * 96 * 10) / 10,
      canMentor: spareSeats > 0 && offers.size > 0,
      canBeMentee: isMentee,
    });
  }
  return members;
}

function randomWindows(random: () => number): { day: Weekday; start: string; end: string }[] {
  const days = [...weekdays].sort(() => random() - 0.5).slice(0, randomInteger(random, 1, 3));
  return days.map((day) => {
    const start = randomInteger(random, 16, 20);
    return { day, start: `${start}:00`, end: `${start + randomInteger(random, 1, 3)}:00` };
  });
}

// Minutes ahead of UTC: the Americas, Europe and Africa, Asia; one in ten zones is half an hour off.
function randomOffset(random: () => number): number {
  const region = random();
  const hours = region < 0.4 ? randomInteger(random, -8, -3) : region < 0.75 ? randomInteger(random, 0, 3) : randomInteger(random, 5, 10);
  return hours * 60 + (random() < 0.1 ? 30 : 0);
}

// Skill ids 1..skillCount, the first ones far more popular (TypeScript, career advice...).
function skillPicker(random: () => number, skillCount: number): () => number {
  const cumulative = new Float64Array(skillCount);
  let sum = 0;
  for (let skill = 0; skill < skillCount; skill++) cumulative[skill] = sum += 1 / (skill + 1) ** 0.7;
  return () => {
    const target = random() * sum;
    let skill = 0;
    while (skill < skillCount - 1 && cumulative[skill]! <= target) skill++;
    return skill + 1;
  };
}

function distinct(pick: () => number, count: number): number[] {
  const chosen: number[] = [];
  while (chosen.length < count) {
    const skill = pick();
    if (!chosen.includes(skill)) chosen.push(skill);
  }
  return chosen;
}
