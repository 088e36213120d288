import { weekdays, type AvailabilityWindow } from '../members/availability.js';
import type { MentorshipRole } from '../store/database.js';
import { minutesOfDay } from '../shared/time-of-day.js';
import type { MatchProfile } from './score.js';

const minutesPerWeek = 7 * 1440;

/**
 * A member as matching sees them: the scoring profile plus which sides they can take now. Only ACTIVE,
 * onboarded members become one.
 */
export interface MatchingMember extends MatchProfile {
  readonly canMentor: boolean;
  /** Wants mentoring and has room for another mentorship as a mentee. */
  readonly canBeMentee: boolean;
}

/** The stored facts a matching member is made of (see `matching.repository.ts`). */
export interface StoredMatchingFacts {
  readonly memberId: number;
  readonly mentorshipRole: MentorshipRole | null;
  readonly mentorshipTypes: readonly string[];
  readonly timezone: string | null;
  readonly availability: readonly AvailabilityWindow[];
  readonly yearsExperience: number | null;
  readonly menteeCapacity: number;
  readonly notTakingMenteesUntil: Date | null;
  readonly skills: readonly { readonly skillId: number; readonly direction: 'OFFER' | 'SEEK'; readonly level: number }[];
  readonly openAsMentor: number;
  readonly openAsMentee: number;
  readonly medianAnswerHours: number | null;
}

export interface MatchingLimits {
  /** Open mentorships a mentor may hold (`openRelations.perMentor`); caps the member's own capacity. */
  readonly perMentor: number;
  readonly perMentee: number;
}

/**
 * Builds the matching member from stored facts. Offsets are taken at `now`, so a pair's hours in common
 * are right for the current season (daylight saving moves them by an hour at most, twice a year).
 */
export function toMatchingMember(facts: StoredMatchingFacts, limits: MatchingLimits, now: Date, offsets: UtcOffsets): MatchingMember {
  const offset = facts.timezone === null ? null : offsets.of(facts.timezone);
  const paused = facts.notTakingMenteesUntil !== null && facts.notTakingMenteesUntil > now;
  const mentors = facts.mentorshipRole === 'MENTOR' || facts.mentorshipRole === 'BOTH';
  const mentee = facts.mentorshipRole === 'MENTEE' || facts.mentorshipRole === 'BOTH';
  const spareSeats = mentors && !paused ? Math.max(0, Math.min(facts.menteeCapacity, limits.perMentor) - facts.openAsMentor) : 0;
  const offers = new Map<number, number>();
  const seeks = new Map<number, number>();
  for (const skill of facts.skills) {
    if (skill.direction === 'OFFER' && mentors) offers.set(skill.skillId, skill.level);
    if (skill.direction === 'SEEK' && mentee) seeks.set(skill.skillId, skill.level);
  }
  return {
    memberId: facts.memberId,
    offers,
    seeks,
    mentorshipTypes: [...new Set(facts.mentorshipTypes)],
    weeklyUtcMinutes: offset === null ? [] : weeklyUtcMinutes(facts.availability, offset),
    utcOffsetMinutes: offset,
    yearsExperience: facts.yearsExperience,
    spareSeats,
    medianAnswerHours: facts.medianAnswerHours,
    canMentor: spareSeats > 0 && offers.size > 0,
    canBeMentee: mentee && seeks.size > 0 && facts.openAsMentee < limits.perMentee,
  };
}

/**
 * Local weekly windows as sorted, merged `[start, end)` minutes since Monday 00:00 UTC. A window pushed
 * across the end of the week by the offset wraps to its start.
 */
export function weeklyUtcMinutes(windows: readonly AvailabilityWindow[], utcOffsetMinutes: number): [number, number][] {
  const pieces: [number, number][] = [];
  for (const window of windows) {
    const localStart = weekdays.indexOf(window.day) * 1440 + minutesOfDay(window.start);
    const length = minutesOfDay(window.end) - minutesOfDay(window.start);
    const start = (((localStart - utcOffsetMinutes) % minutesPerWeek) + minutesPerWeek) % minutesPerWeek;
    const end = start + length;
    if (end <= minutesPerWeek) pieces.push([start, end]);
    else pieces.push([start, minutesPerWeek], [0, end - minutesPerWeek]);
  }
  pieces.sort((left, right) => left[0] - right[0]);
  const merged: [number, number][] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && piece[0] <= last[1]) last[1] = Math.max(last[1], piece[1]);
    else merged.push([piece[0], piece[1]]);
  }
  return merged;
}

/** UTC offsets of IANA zones at one instant, each zone worked out once. */
export class UtcOffsets {
  private readonly known = new Map<string, number | null>();

  constructor(private readonly at: Date) {}

  /** Minutes ahead of UTC (Asia/Kolkata: 330); null for a zone the runtime does not know. */
  of(zone: string): number | null {
    let offset = this.known.get(zone);
    if (offset === undefined) {
      offset = readOffset(zone, this.at);
      this.known.set(zone, offset);
    }
    return offset;
  }
}

function readOffset(zone: string, at: Date): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return null;
  }
  // 'GMT' for UTC itself, otherwise 'GMT+05:30' or 'GMT-08:00'.
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!match) return null;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
