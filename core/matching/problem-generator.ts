import { sparseToDense } from './assignment-problem.js';
import type { AssignmentProblem, SparseAssignmentProblem } from './assignment-problem.js';
import { createSeededRandom, randomInteger } from './seeded-random.js';

export type RoundProblemOptions = {
  mentees: number;
  mentors: number;
  /** Seats per mentor. */
  capacity: number;
  seed: number;
  /** Size of the community's skill list; real communities tag somewhere between 10 and 40. */
  skillCount?: number;
};

// What a member's score depends on besides skills: UTC offset in hours and years of experience.
type Profile = { timezone: number; years: number };

// Skill levels run from 1 (beginner) to 5 (expert).
const LEVELS = 5;

/**
 * Builds a reproducible matching round that looks like a real one. Mentees want one to three skills at
 * some level, mentors offer two to six; a few skills are far more popular than the rest. A pair is
 * allowed only when the mentor offers a wanted skill at the wanted level or above, so most pairs are
 * forbidden and the result is sparse. Allowed pairs score mostly on skill fit, plus small terms for
 * time-zone distance and the experience gap, which makes scores floating point with few ties.
 *
 * @throws Error when a size is not a non-negative integer.
 */
export function generateRoundProblem(options: RoundProblemOptions): SparseAssignmentProblem {
  const { mentees, mentors, capacity, seed, skillCount = 24 } = options;
  for (const [name, value] of Object.entries({ mentees, mentors, capacity })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (got ${value})`);
  }
  if (!Number.isInteger(skillCount) || skillCount < 1) throw new Error(`skillCount must be a positive integer (got ${skillCount})`);

  const random = createSeededRandom(seed);
  const pickSkill = skillPicker(random, skillCount);

  const mentorLevels = new Uint8Array(mentors * skillCount);
  const mentorProfiles: Profile[] = [];
  for (let mentor = 0; mentor < mentors; mentor++) {
    for (const skill of distinctSkills(pickSkill, randomInteger(random, Math.min(2, skillCount), Math.min(6, skillCount)))) {
      // Mentors mostly know their skills well.
      mentorLevels[mentor * skillCount + skill] = randomInteger(random, 2, LEVELS);
    }
    mentorProfiles.push({ timezone: randomTimezone(random), years: 2 + random() * 23 });
  }

  const edges = new EdgeBuffer(Math.min(mentees * mentors, 1 << 20));
  for (let mentee = 0; mentee < mentees; mentee++) {
    const wanted = distinctSkills(pickSkill, Math.min(skillCount, 1 + Math.floor(random() * random() * 3)));
    // Beginners are common: wanted levels lean towards the low end.
    const wantedLevels = wanted.map(() => 1 + Math.floor(random() ** 1.5 * LEVELS));
    const profile: Profile = { timezone: randomTimezone(random), years: random() * random() * 10 };
    for (let mentor = 0; mentor < mentors; mentor++) {
      let skillFit = 0;
      wanted.forEach((skill, index) => {
        // Level 0 means "not offered"; wanted levels start at 1, so it never fits.
        const surplus = mentorLevels[mentor * skillCount + skill]! - wantedLevels[index]!;
        // The first wanted skill is the one the mentee cares most about.
        if (surplus >= 0) skillFit += (index === 0 ? 12 : 8) + Math.min(surplus, 2);
      });
      if (skillFit === 0) continue;
      edges.push(mentee, mentor, skillFit + closeness(profile, mentorProfiles[mentor]!));
    }
  }
  return { menteeCount: mentees, mentorCount: mentors, capacity: new Array<number>(mentors).fill(capacity), edges: edges.finish() };
}

/** {@link generateRoundProblem} as a dense matrix; only sensible for small rounds (tests, CLI samples). */
export function generateDenseRoundProblem(options: RoundProblemOptions): AssignmentProblem {
  return sparseToDense(generateRoundProblem(options));
}

// Up to 3 points for sharing working hours and up to 2 for an experience gap that suits mentoring
// (about seven years); both taper smoothly so scores rarely tie.
function closeness(mentee: Profile, mentor: Profile): number {
  const hours = Math.abs(mentee.timezone - mentor.timezone);
  const timezoneGap = Math.min(hours, 24 - hours);
  const experienceGap = mentor.years - mentee.years;
  return 3 * (1 - timezoneGap / 12) ** 2 + 2 / (1 + Math.abs(experienceGap - 7) / 4);
}

// Members cluster in three regions; some zones are offset by half an hour.
function randomTimezone(random: () => number): number {
  const region = random();
  const base = region < 0.4 ? randomInteger(random, -8, -3) : region < 0.75 ? randomInteger(random, 0, 3) : randomInteger(random, 5, 10);
  return random() < 0.1 ? base + 0.5 : base;
}

// Skill popularity falls off like a power law: a handful of skills (say TypeScript, career advice) are
// asked for and offered far more than the rest.
function skillPicker(random: () => number, skillCount: number): () => number {
  const cumulative = new Float64Array(skillCount);
  let sum = 0;
  for (let skill = 0; skill < skillCount; skill++) {
    sum += 1 / (skill + 1) ** 0.7;
    cumulative[skill] = sum;
  }
  return () => {
    const target = random() * sum;
    let skill = 0;
    while (skill < skillCount - 1 && cumulative[skill]! <= target) skill++;
    return skill;
  };
}

function distinctSkills(pickSkill: () => number, count: number): number[] {
  const skills: number[] = [];
  while (skills.length < count) {
    const skill = pickSkill();
    if (!skills.includes(skill)) skills.push(skill);
  }
  return skills;
}

// Typed arrays that double when full, so a large round is built without a JavaScript array per edge.
class EdgeBuffer {
  private mentee: Int32Array;
  private mentor: Int32Array;
  private score: Float64Array;
  private count = 0;

  constructor(initialCapacity: number) {
    const size = Math.max(16, initialCapacity);
    this.mentee = new Int32Array(size);
    this.mentor = new Int32Array(size);
    this.score = new Float64Array(size);
  }

  push(mentee: number, mentor: number, score: number): void {
    if (this.count === this.score.length) this.grow();
    this.mentee[this.count] = mentee;
    this.mentor[this.count] = mentor;
    this.score[this.count] = score;
    this.count++;
  }

  finish(): SparseAssignmentProblem['edges'] {
    return { mentee: this.mentee.slice(0, this.count), mentor: this.mentor.slice(0, this.count), score: this.score.slice(0, this.count) };
  }

  private grow(): void {
    const size = this.score.length * 2;
    const mentee = new Int32Array(size);
    const mentor = new Int32Array(size);
    const score = new Float64Array(size);
    mentee.set(this.mentee);
    mentor.set(this.mentor);
    score.set(this.score);
    this.mentee = mentee;
    this.mentor = mentor;
    this.score = score;
  }
}
