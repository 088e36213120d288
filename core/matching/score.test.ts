import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communitySettingsSchema, defaultSettings } from '../communities/settings.js';
import { explainReasons } from './explain.js';
import { generateMatchingMembers } from './member-generator.js';
import { MatchingIndex } from './matching-index.js';
import { weeklyUtcMinutes, type MatchingMember } from './matching-profile.js';
import { scoreWeights } from './matching-settings.js';
import { ExcludedPairs } from './matching.repository.js';
import { planRound } from './round-plan.js';
import { nextRoundTime } from './round-schedule.js';
import { scorePair, type MatchProfile } from './score.js';

const weights = scoreWeights.parse({});
const skillNames = new Map([[1, 'TypeScript'], [2, 'Postgres'], [3, 'Career advice']]);
const skillName = (id: number) => skillNames.get(id) ?? '?';

function profile(overrides: Partial<MatchingMember> & { memberId: number }): MatchingMember {
  return {
    offers: new Map(),
    seeks: new Map(),
    mentorshipTypes: [],
    weeklyUtcMinutes: [],
    utcOffsetMinutes: null,
    yearsExperience: null,
    spareSeats: 0,
    medianAnswerHours: null,
    canMentor: false,
    canBeMentee: false,
    ...overrides,
  };
}

describe('the match score', () => {
  // Berlin (UTC+1 in winter) Tuesday 18:00-20:00 is 17:00-19:00 UTC; New York (UTC-5) 12:00-15:00 is 17:00-20:00 UTC.
  const mentor = profile({
    memberId: 1,
    offers: new Map([[1, 4], [2, 2]]),
    mentorshipTypes: ['CODE_REVIEW', 'CAREER_GROWTH'],
    weeklyUtcMinutes: weeklyUtcMinutes([{ day: 'tue', start: '18:00', end: '20:00' }], 60),
    utcOffsetMinutes: 60,
    yearsExperience: 12,
    spareSeats: 2,
    medianAnswerHours: 6,
    canMentor: true,
  });
  const mentee = profile({
    memberId: 2,
    seeks: new Map([[1, 2], [2, 3]]),
    mentorshipTypes: ['CODE_REVIEW'],
    weeklyUtcMinutes: weeklyUtcMinutes([{ day: 'tue', start: '12:00', end: '15:00' }], -300),
    utcOffsetMinutes: -300,
    yearsExperience: 2,
    canBeMentee: true,
  });

  it('adds each part with its weight and explains the largest first', () => {
    const scored = scorePair(mentor, mentee, weights)!;
    // Postgres is offered at 2 but wanted at 3: no part, no reason.
    expect(scored.reasons.map((reason) => reason.kind)).toEqual(['skill', 'mentorship-types', 'experience', 'responsiveness', 'availability', 'timezone', 'capacity']);
    const points = Object.fromEntries(scored.reasons.map((reason) => [reason.kind, reason.points]));
    expect(points.skill).toBeCloseTo(10 * (0.5 + 0.2 + 0.1)); // wanted 2, two levels of headroom
    expect(points['mentorship-types']).toBeCloseTo(2); // the one type the mentee wants is shared
    expect(points.availability).toBeCloseTo(3 * (2 / 4)); // two hours in common
    expect(points.timezone).toBeCloseTo(2 * (1 - 6 / 12));
    expect(points.experience).toBeCloseTo(2);
    expect(points.capacity).toBeCloseTo(1 * (2 / 3));
    expect(points.responsiveness).toBeCloseTo(2 * (1 - 6 / 72));
    expect(scored.score).toBeCloseTo(scored.reasons.reduce((sum, reason) => sum + reason.points, 0));

    expect(explainReasons(scored.reasons, { perspective: 'mentee', skillName, limit: 3 })).toEqual([
      'offers TypeScript at level 4, which you want (level 2)',
      'both prefer code review',
      '10 more years of experience than you',
    ]);
    expect(explainReasons(scored.reasons, { perspective: 'mentor', skillName }).slice(0, 1)).toEqual(['wants TypeScript at level 2, which you offer at level 4']);
    expect(explainReasons(scored.reasons, { perspective: 'mentee', skillName })).toContain('6 hours apart');
    expect(explainReasons(scored.reasons, { perspective: 'mentee', skillName })).toContain('2 hours a week free at the same time');
    expect(explainReasons(scored.reasons, { perspective: 'mentee', skillName })).toContain('usually answers requests within 6 hours');
  });

  it('converts availability to UTC and wraps the end of the week', () => {
    // Berlin Monday 00:30-01:30 is Sunday 23:30 to Monday 00:30 UTC.
    expect(weeklyUtcMinutes([{ day: 'mon', start: '00:30', end: '01:30' }], 60)).toEqual([[0, 30], [10_050, 10_080]]);
    expect(weeklyUtcMinutes([{ day: 'tue', start: '18:00', end: '20:00' }, { day: 'tue', start: '20:00', end: '21:00' }], 0)).toEqual([[2520, 2700]]);
  });

  it('allows a pair only on a wanted skill at the wanted level, and honours the skill filter', () => {
    expect(scorePair(mentor, profile({ memberId: 3, seeks: new Map([[1, 5]]) }), weights)).toBeNull();
    expect(scorePair(mentor, profile({ memberId: 3, seeks: new Map([[3, 1]]) }), weights)).toBeNull();
    expect(scorePair(mentor, mentee, weights, 2)).toBeNull();
    expect(scorePair(mentor, mentee, weights, 1)).not.toBeNull();
  });

  it('welcomes two seniors pairing over different skills (seed 000)', () => {
    const senior = profile({ memberId: 4, seeks: new Map([[1, 3]]), yearsExperience: 15 });
    const scored = scorePair(mentor, senior, weights)!;
    const experience = scored.reasons.find((reason) => reason.kind === 'experience');
    expect(experience).toMatchObject({ seniorPeers: true, points: 1 });
    expect(explainReasons([experience!], { perspective: 'mentee', skillName })).toEqual(['both senior (12 and 15 years): an exchange between peers']);
  });

  it('ranks silent mentors lower', () => {
    const fast = scorePair({ ...mentor, medianAnswerHours: 2 }, mentee, weights)!.score;
    const silent = scorePair({ ...mentor, medianAnswerHours: 200 }, mentee, weights)!.score;
    const unknown = scorePair({ ...mentor, medianAnswerHours: null }, mentee, weights)!.score;
    expect(fast).toBeGreaterThan(unknown);
    expect(unknown).toBeGreaterThan(silent);
  });
});

describe('the matching index', () => {
  const members = generateMatchingMembers({ mentors: 120, both: 40, mentees: 200, seed: 7, skillCount: 8 });
  const index = new MatchingIndex(members);

  function bruteForce(asker: MatchProfile, lookingFor: 'mentor' | 'mentee', limit: number, exclude: ReadonlySet<number>, onlySkillId?: number) {
    return members
      .filter((other) => other.memberId !== asker.memberId && !exclude.has(other.memberId) && (lookingFor === 'mentor' ? other.canMentor : other.canBeMentee))
      .flatMap((other) => {
        const pair = lookingFor === 'mentor' ? scorePair(other, asker, weights, onlySkillId) : scorePair(asker, other, weights, onlySkillId);
        return pair ? [{ memberId: other.memberId, score: pair.score }] : [];
      })
      .sort((left, right) => right.score - left.score || left.memberId - right.memberId)
      .slice(0, limit);
  }

  it('answers exactly what scoring everyone would, both ways, with filters and exclusions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: members.length - 1 }),
        fc.constantFrom('mentor' as const, 'mentee' as const),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 1, max: members.length }), { maxLength: 20 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        (at, lookingFor, limit, excluded, onlySkillId) => {
          const asker = members[at]!;
          const exclude = new Set(excluded);
          const query = { limit, exclude, ...(onlySkillId !== undefined ? { onlySkillId } : {}) };
          const found = lookingFor === 'mentor' ? index.bestMentorsFor(asker, weights, query) : index.bestMenteesFor(asker, weights, query);
          expect(found).toEqual(bruteForce(asker, lookingFor, limit, exclude, onlySkillId));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a matching round plan', () => {
  // Tries every mentor (or none) for every mentee.
  /** The best total by trying everything; 'one-way' never pairs two members both ways. */
  function bruteForceTotal(members: readonly MatchingMember[], excluded: ExcludedPairs, rule: 'any' | 'one-way' = 'any'): number {
    const mentors = members.filter((member) => member.canMentor);
    const mentees = members.filter((member) => member.canBeMentee);
    const seats = mentors.map((mentor) => mentor.spareSeats);
    const mentorOf = new Map<number, number>();
    const explore = (at: number): number => {
      if (at === mentees.length) return 0;
      let best = explore(at + 1);
      mentors.forEach((mentor, slot) => {
        const mentee = mentees[at]!;
        if (seats[slot] === 0 || mentor.memberId === mentee.memberId || excluded.has(mentor.memberId, mentee.memberId)) return;
        const pair = scorePair(mentor, mentee, weights);
        if (!pair) return;
        if (rule === 'one-way' && mentorOf.get(mentor.memberId) === mentee.memberId) return;
        seats[slot]!--;
        mentorOf.set(mentee.memberId, mentor.memberId);
        best = Math.max(best, pair.score + explore(at + 1));
        mentorOf.delete(mentee.memberId);
        seats[slot]!++;
      });
      return best;
    };
    return explore(0);
  }

  it('finds the optimum under capacities on small random communities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 5 }), (seed, mentors, both, mentees) => {
        const members = generateMatchingMembers({ mentors, both, mentees, seed, skillCount: 3 });
        const excluded = new ExcludedPairs();
        if (seed % 3 === 0) excluded.add(1, members.length);
        const plan = planRound(new MatchingIndex(members), weights, { excluded, skipped: new Set() });
        // Small rounds are searched outright: the best assignment that pairs nobody both ways.
        expect(plan.stats.totalScore).toBeCloseTo(bruteForceTotal(members, excluded, 'one-way'), 9);
        if (plan.stats.removedDirections === 0) expect(plan.stats.totalScore).toBeCloseTo(bruteForceTotal(members, excluded), 9);
        const directions = new Set(plan.pairs.map((pair) => `${pair.mentorId}>${pair.menteeId}`));
        for (const pair of plan.pairs) expect(directions.has(`${pair.menteeId}>${pair.mentorId}`)).toBe(false);
        const used = new Map<number, number>();
        for (const pair of plan.pairs) {
          used.set(pair.mentorId, (used.get(pair.mentorId) ?? 0) + 1);
          expect(excluded.has(pair.mentorId, pair.menteeId)).toBe(false);
          expect(pair.mentorId).not.toBe(pair.menteeId);
        }
        for (const [mentorId, count] of used) expect(count).toBeLessThanOrEqual(members.find((member) => member.memberId === mentorId)!.spareSeats);
        expect(new Set(plan.pairs.map((pair) => pair.menteeId)).size).toBe(plan.pairs.length);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves skipped members out and gives each unmatched member a reason', () => {
    const mentor = profile({ memberId: 1, offers: new Map([[1, 3]]), spareSeats: 1, canMentor: true });
    const first = profile({ memberId: 2, seeks: new Map([[1, 1]]), yearsExperience: 0, canBeMentee: true });
    const second = profile({ memberId: 3, seeks: new Map([[1, 1]]), canBeMentee: true });
    const lonely = profile({ memberId: 4, seeks: new Map([[2, 1]]), canBeMentee: true });
    const full = profile({ memberId: 5, offers: new Map([[3, 5]]), spareSeats: 0 });
    const wantsFull = profile({ memberId: 6, seeks: new Map([[3, 1]]), canBeMentee: true });
    const index = new MatchingIndex([mentor, first, second, lonely, full, wantsFull]);

    const plan = planRound(index, weights, { excluded: new ExcludedPairs(), skipped: new Set() });
    expect(plan.pairs).toEqual([{ mentorId: 1, menteeId: 2, score: expect.any(Number) }]);
    expect(plan.unmatched).toEqual([
      { memberId: 3, side: 'mentee', reason: 'seats-taken' },
      { memberId: 4, side: 'mentee', reason: 'no-mentor-offers' },
      { memberId: 6, side: 'mentee', reason: 'mentors-full' },
    ]);

    const excluded = new ExcludedPairs();
    excluded.add(3, 1);
    const skipping = planRound(index, weights, { excluded, skipped: new Set([2]) });
    expect(skipping.pairs).toEqual([]);
    expect(skipping.unmatched).toContainEqual({ memberId: 3, side: 'mentee', reason: 'excluded-pairs' });
    expect(skipping.unmatched).toContainEqual({ memberId: 1, side: 'mentor', reason: 'no-mentee-wants' });
    expect(skipping.unmatched.map((member) => member.memberId)).not.toContain(2);
  });

  it('pairs two members one way only and gives the freed mentee and seat to others', () => {
    // Ada (1) and Bo (2) each offer what the other wants; Ada mentoring Bo scores higher (a 4-level lead
    // against 1). Dee (3) fits Ada too, a little less well than Bo does.
    const ada = profile({ memberId: 1, offers: new Map([[1, 5]]), seeks: new Map([[2, 1]]), spareSeats: 1, canMentor: true, canBeMentee: true });
    const bo = profile({ memberId: 2, offers: new Map([[2, 2]]), seeks: new Map([[1, 1]]), spareSeats: 1, canMentor: true, canBeMentee: true });
    const dee = profile({ memberId: 3, offers: new Map([[2, 1]]), spareSeats: 1, canMentor: true });
    const both = scorePair(ada, bo, weights)!.score + scorePair(bo, ada, weights)!.score;
    const oneWay = scorePair(ada, bo, weights)!.score + scorePair(dee, ada, weights)!.score;
    expect(both).toBeGreaterThan(oneWay); // so the plain optimum pairs Ada and Bo both ways

    const plan = planRound(new MatchingIndex([ada, bo, dee]), weights, { excluded: new ExcludedPairs(), skipped: new Set() });
    expect(plan.pairs.map((pair) => [pair.mentorId, pair.menteeId]).sort()).toEqual([[1, 2], [3, 1]]);
    expect(plan.stats).toMatchObject({ removedDirections: 1, matched: 2, allowedPairs: 2 });
    expect(plan.stats.totalScore).toBeCloseTo(oneWay, 9);
    expect(plan.unmatched).toEqual([{ memberId: 2, side: 'mentor', reason: 'paired-other-way' }]);
  });

  it('leaves members with suggestions off out of the round, with the reason on each side they could take', () => {
    const mentor = profile({ memberId: 1, offers: new Map([[1, 3]]), spareSeats: 1, canMentor: true });
    const quietBoth = profile({ memberId: 2, offers: new Map([[2, 4]]), seeks: new Map([[1, 1]]), spareSeats: 1, canMentor: true, canBeMentee: true });
    const mentee = profile({ memberId: 3, seeks: new Map([[1, 1], [2, 1]]), canBeMentee: true });
    const plan = planRound(new MatchingIndex([mentor, quietBoth, mentee]), weights, { excluded: new ExcludedPairs(), skipped: new Set(), suggestionsOff: new Set([2]) });
    expect(plan.pairs).toEqual([{ mentorId: 1, menteeId: 3, score: expect.any(Number) }]);
    expect(plan.stats).toMatchObject({ eligibleMentees: 1, eligibleMentors: 1, unmatchedByReason: { 'suggestions-off': 2 } });
    expect(plan.unmatched).toEqual([
      { memberId: 2, side: 'mentee', reason: 'suggestions-off' },
      { memberId: 2, side: 'mentor', reason: 'suggestions-off' },
    ]);
  });
});

describe('matching settings', () => {
  it('have documented defaults and refuse weights that would break the score', () => {
    expect(defaultSettings.matching).toEqual({
      weights: { skill: 10, mentorshipTypes: 2, availability: 3, timezone: 2, experience: 2, capacity: 1, responsiveness: 2 },
      rounds: { enabled: false, everyWeeks: 2, weekday: 'mon', time: '10:00' },
      suggestionCount: 5,
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ weights: { skill: 0.5 } }, 'matching.weights.skill'],
      [{ weights: { timezone: -1 } }, 'matching.weights.timezone'],
      [{ rounds: { weekday: 'someday' } }, 'matching.rounds.weekday'],
      [{ rounds: { time: '25:00' } }, 'matching.rounds.time'],
    ];
    for (const [matching, field] of cases) {
      const parsed = communitySettingsSchema.safeParse({ matching });
      expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
    }
  });
});

describe('the round schedule', () => {
  const schedule = { enabled: true, everyWeeks: 2, weekday: 'mon' as const, time: '10:00' };

  it('picks the weekday and time in the community timezone, every N weeks', () => {
    // Wednesday 2026-03-04: the next Monday is 03-09, 10:00 in Berlin (UTC+1).
    expect(nextRoundTime(schedule, 'Europe/Berlin', new Date('2026-03-04T12:00:00Z'), null).toISOString()).toBe('2026-03-09T09:00:00.000Z');
    // Two weeks after a round on 03-09, across the switch to summer time (UTC+2 from 03-29).
    expect(nextRoundTime(schedule, 'Europe/Berlin', new Date('2026-03-10T12:00:00Z'), new Date('2026-03-09T09:00:00Z')).toISOString()).toBe('2026-03-23T09:00:00.000Z');
    expect(nextRoundTime({ ...schedule, everyWeeks: 3 }, 'Europe/Berlin', new Date('2026-03-10T12:00:00Z'), new Date('2026-03-09T09:00:00Z')).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
});
