import type { ScoreWeights } from './matching-settings.js';

/**
 * What scoring knows about one member, already normalised: availability in UTC minutes of the week, the
 * timezone as its current offset. Built by `matching-profile.ts` from the stored profile.
 */
export interface MatchProfile {
  readonly memberId: number;
  /** Skill id to level (1 to 5), both ways. */
  readonly offers: ReadonlyMap<number, number>;
  readonly seeks: ReadonlyMap<number, number>;
  readonly mentorshipTypes: readonly string[];
  /** Sorted, disjoint `[start, end)` pairs in minutes since Monday 00:00 UTC. */
  readonly weeklyUtcMinutes: readonly (readonly [number, number])[];
  /** Minutes ahead of UTC now (Berlin in winter: 60); null when the member gave no timezone. */
  readonly utcOffsetMinutes: number | null;
  readonly yearsExperience: number | null;
  /** Mentees this member could still take now (0 when full or pausing). */
  readonly spareSeats: number;
  /** Median hours this member took to answer a request; null without history. */
  readonly medianAnswerHours: number | null;
}

/** One reason a pair scored what it did; `points` is its share of the score. */
export type Reason =
  | { readonly kind: 'skill'; readonly skillId: number; readonly offeredLevel: number; readonly wantedLevel: number; readonly points: number }
  | { readonly kind: 'mentorship-types'; readonly shared: readonly string[]; readonly points: number }
  | { readonly kind: 'availability'; readonly commonHours: number; readonly points: number }
  | { readonly kind: 'timezone'; readonly hoursApart: number; readonly points: number }
  | { readonly kind: 'experience'; readonly mentorYears: number; readonly menteeYears: number; readonly seniorPeers: boolean; readonly points: number }
  | { readonly kind: 'capacity'; readonly spareSeats: number; readonly points: number }
  | { readonly kind: 'responsiveness'; readonly medianAnswerHours: number | null; readonly points: number };

export type ReasonKind = Reason['kind'];

export interface PairScore {
  readonly score: number;
  /** Every part that added points, largest first. */
  readonly reasons: readonly Reason[];
}

/** Years from which a mentee counts as senior, so a senior-to-senior pair is welcome (seed 000). */
export const seniorYears = 5;
/** Common weekly hours from which availability counts in full. */
export const fullAvailabilityHours = 4;
/** Answer delay (hours) at which responsiveness counts nothing. */
export const slowAnswerHours = 72;

// Each fit below is a number in [0, 1] (skill fit: per matching skill), multiplied by its weight.

/**
 * A skill the mentor offers at `offered` that the mentee wants at `wanted`: 0 when below; else 0.6 for a
 * beginner's need up to 1 for an expert's, plus 0.05 per level of headroom (at most two).
 */
export function skillFit(offered: number, wanted: number): number {
  if (offered < wanted) return 0;
  return 0.5 + 0.1 * wanted + 0.05 * Math.min(offered - wanted, 2);
}

/** Share of the mentee's wanted kinds of mentorship the mentor offers too. */
export function mentorshipTypesFit(shared: number, menteeWants: number): number {
  return menteeWants === 0 ? 0 : shared / menteeWants;
}

/** Weekly hours both are free, counted in full from {@link fullAvailabilityHours}. */
export function availabilityFit(commonMinutes: number): number {
  return Math.min(commonMinutes / 60, fullAvailabilityHours) / fullAvailabilityHours;
}

/** 1 in the same timezone, 0 on the other side of the world (12 hours apart). */
export function timezoneFit(hoursApart: number): number {
  return 1 - Math.min(hoursApart, 12) / 12;
}

/**
 * 1 when the mentor has three or more years on the mentee, tapering to 0 at no lead; two seniors (both
 * past {@link seniorYears}) score 0.5 whatever the gap, since they pair over different skills.
 */
export function experienceFit(mentorYears: number, menteeYears: number): number {
  const lead = mentorYears - menteeYears;
  const byLead = Math.max(0, Math.min(lead, 3)) / 3;
  return menteeYears >= seniorYears && mentorYears >= seniorYears ? Math.max(byLead, 0.5) : byLead;
}

/** Room for more mentees: 1/3 per spare seat, full from three. */
export function capacityFit(spareSeats: number): number {
  return Math.min(Math.max(spareSeats, 0), 3) / 3;
}

/** 1 for an instant answer, 0 from {@link slowAnswerHours}; 0.5 for a mentor with no history yet. */
export function responsivenessFit(medianAnswerHours: number | null): number {
  return medianAnswerHours === null ? 0.5 : 1 - Math.min(medianAnswerHours, slowAnswerHours) / slowAnswerHours;
}

/** Hours between two UTC offsets around the clock: +13 and -10 are 1 hour apart. */
export function hoursApart(offsetA: number, offsetB: number): number {
  const minutes = Math.abs(offsetA - offsetB) % 1440;
  return Math.min(minutes, 1440 - minutes) / 60;
}

/** Minutes two sorted lists of disjoint weekly intervals share. */
export function commonMinutes(left: readonly (readonly [number, number])[], right: readonly (readonly [number, number])[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const [leftStart, leftEnd] = left[i]!;
    const [rightStart, rightEnd] = right[j]!;
    const overlap = Math.min(leftEnd, rightEnd) - Math.max(leftStart, rightStart);
    if (overlap > 0) total += overlap;
    if (leftEnd < rightEnd) i++;
    else j++;
  }
  return total;
}

/**
 * Scores `mentor` mentoring `mentee`:
 *
 *     score = weights.skill × Σ skillFit(offered, wanted) over the mentee's wanted skills the mentor offers
 *           + weights.mentorshipTypes × mentorshipTypesFit + weights.availability × availabilityFit
 *           + weights.timezone × timezoneFit + weights.experience × experienceFit
 *           + weights.capacity × capacityFit + weights.responsiveness × responsivenessFit
 *
 * A pair is possible only when the mentor offers at least one wanted skill at the wanted level or above
 * (and, with `onlySkillId`, that skill): otherwise the answer is null. Parts the profiles cannot tell
 * (no timezone, no years) add nothing. Pure: the same profiles and weights give the same score anywhere,
 * which is what lets the matching index score from packed arrays and check itself against this.
 */
export function scorePair(mentor: MatchProfile, mentee: MatchProfile, weights: ScoreWeights, onlySkillId?: number): PairScore | null {
  const reasons: Reason[] = [];
  let filterMet = onlySkillId === undefined;
  for (const [skillId, wantedLevel] of mentee.seeks) {
    const offeredLevel = mentor.offers.get(skillId);
    if (offeredLevel === undefined || offeredLevel < wantedLevel) continue;
    if (skillId === onlySkillId) filterMet = true;
    reasons.push({ kind: 'skill', skillId, offeredLevel, wantedLevel, points: weights.skill * skillFit(offeredLevel, wantedLevel) });
  }
  if (reasons.length === 0 || !filterMet) return null;

  const shared = mentee.mentorshipTypes.filter((type) => mentor.mentorshipTypes.includes(type));
  if (shared.length > 0) {
    reasons.push({ kind: 'mentorship-types', shared, points: weights.mentorshipTypes * mentorshipTypesFit(shared.length, mentee.mentorshipTypes.length) });
  }
  const common = commonMinutes(mentor.weeklyUtcMinutes, mentee.weeklyUtcMinutes);
  if (common > 0) reasons.push({ kind: 'availability', commonHours: common / 60, points: weights.availability * availabilityFit(common) });
  if (mentor.utcOffsetMinutes !== null && mentee.utcOffsetMinutes !== null) {
    const apart = hoursApart(mentor.utcOffsetMinutes, mentee.utcOffsetMinutes);
    reasons.push({ kind: 'timezone', hoursApart: apart, points: weights.timezone * timezoneFit(apart) });
  }
  if (mentor.yearsExperience !== null && mentee.yearsExperience !== null) {
    const fit = experienceFit(mentor.yearsExperience, mentee.yearsExperience);
    const seniorPeers = mentor.yearsExperience >= seniorYears && mentee.yearsExperience >= seniorYears && mentor.yearsExperience - mentee.yearsExperience < 3;
    if (fit > 0) reasons.push({ kind: 'experience', mentorYears: mentor.yearsExperience, menteeYears: mentee.yearsExperience, seniorPeers, points: weights.experience * fit });
  }
  if (mentor.spareSeats > 0) reasons.push({ kind: 'capacity', spareSeats: mentor.spareSeats, points: weights.capacity * capacityFit(mentor.spareSeats) });
  reasons.push({ kind: 'responsiveness', medianAnswerHours: mentor.medianAnswerHours, points: weights.responsiveness * responsivenessFit(mentor.medianAnswerHours) });

  const score = combineParts({
    skill: sumPoints(reasons, 'skill'),
    mentorshipTypes: sumPoints(reasons, 'mentorship-types'),
    availability: sumPoints(reasons, 'availability'),
    timezone: sumPoints(reasons, 'timezone'),
    experience: sumPoints(reasons, 'experience'),
    mentorOnly: sumPoints(reasons, 'capacity') + sumPoints(reasons, 'responsiveness'),
  });
  const kept = reasons.filter((reason) => reason.points > 0);
  kept.sort((left, right) => right.points - left.points);
  return { score, reasons: kept };
}

/** The parts of a score; `mentorOnly` is capacity plus responsiveness, which depend on the mentor alone. */
export interface ScoreParts {
  readonly skill: number;
  readonly mentorshipTypes: number;
  readonly availability: number;
  readonly timezone: number;
  readonly experience: number;
  readonly mentorOnly: number;
}

/**
 * Adds the parts in one fixed order. Floating point addition is not associative, so the matching index
 * (which adds the same parts from packed arrays) uses this very order to give exactly the same numbers.
 */
export function combineParts(parts: ScoreParts): number {
  return parts.skill + parts.mentorshipTypes + parts.availability + parts.timezone + parts.experience + parts.mentorOnly;
}

// Skill points are added in the mentee's order of wanted skills, starting from 0.
function sumPoints(reasons: readonly Reason[], kind: ReasonKind): number {
  let sum = 0;
  for (const reason of reasons) if (reason.kind === kind) sum += reason.points;
  return sum;
}
