import type { ScoreWeights } from './matching-settings.js';
import type { MatchingMember } from './matching-profile.js';
import {
  availabilityFit, capacityFit, experienceFit, hoursApart, mentorshipTypesFit, responsivenessFit, skillFit, timezoneFit,
  type MatchProfile,
} from './score.js';
import { TopCandidates } from './top-candidates.js';
import { popcount, postings, type PostingColumns, type QueryContext } from './posting-lists.js';

export interface Candidate {
  readonly memberId: number;
  readonly score: number;
}

export interface CandidateQuery {
  readonly limit: number;
  /** Only candidates who fit on this skill. */
  readonly onlySkillId?: number;
  /** Member ids never to return (the asker's excluded pairs). */
  readonly exclude?: ReadonlySet<number>;
}

const unknownOffset = -32768;

/**
 * A community's matching profiles packed in typed arrays, with an inverted index from each skill to the
 * members offering it (highest level first) and to those seeking it (lowest wanted level first). A query
 * walks only the postings of the asker's skills, down to the level that still fits, scores those
 * candidates with the same parts as `scorePair` (same order of addition, so the same numbers), and keeps
 * the best in a small heap: tens of thousands of members answer in a millisecond or two.
 *
 * Immutable once built; `MatchingIndexCache` swaps in a new one when the community changes.
 */
export class MatchingIndex {
  readonly size: number;
  private readonly members: readonly MatchingMember[];
  private readonly slotOfMember = new Map<number, number>();
  private readonly skillSlot = new Map<number, number>();
  private readonly typeBit = new Map<string, number>();

  private readonly canMentor: Uint8Array;
  private readonly canBeMentee: Uint8Array;
  private readonly years: Int16Array;
  private readonly offset: Int16Array;
  private readonly typeMask: Uint32Array;
  private readonly typeCount: Uint8Array;
  private readonly spareSeats: Int16Array;
  private readonly answerHours: Float64Array;
  private readonly availabilityStart: Int32Array;
  private readonly availability: Int32Array;
  // Weekly minutes each member is free: the most any pair with them can share.
  private readonly availabilityMinutes: Int32Array;
  private readonly memberIdOf: Float64Array;
  private readonly mentorOnlyByWeights = new Map<string, Float64Array>();
  // Each member's offers, as skill slots and levels (CSR rows).
  private readonly offerStart: Int32Array;
  private readonly offerSkill: Int32Array;
  private readonly offerLevel: Uint8Array;
  // Each member's wanted skills, in the member's own order (the order scorePair adds them in).
  private readonly seekStart: Int32Array;
  private readonly seekSkill: Int32Array;
  private readonly seekLevel: Uint8Array;
  // Skill slot -> members offering it, by level descending; and members seeking it, by level ascending.
  private readonly offeredByStart: Int32Array;
  private readonly offeredBy: Int32Array;
  private readonly offeredByLevel: Uint8Array;
  private readonly soughtByStart: Int32Array;
  private readonly soughtBy: Int32Array;
  private readonly soughtByLevel: Uint8Array;
  // Facts of the members in each posting list, copied in posting order so a scan reads memory in sequence.
  private readonly offeredColumns: PostingColumns;
  private readonly soughtColumns: PostingColumns;
  private readonly mentorOnlyInPostings = new Map<string, Float64Array>();

  // Scratch space for queries: a stamp per member instead of clearing a set each time.
  private readonly seenStamp: Int32Array;
  private readonly blockedStamp: Int32Array;
  private stamp = 0;

  constructor(members: readonly MatchingMember[]) {
    const size = members.length;
    this.size = size;
    this.members = members;
    this.canMentor = new Uint8Array(size);
    this.canBeMentee = new Uint8Array(size);
    this.years = new Int16Array(size);
    this.offset = new Int16Array(size);
    this.typeMask = new Uint32Array(size);
    this.typeCount = new Uint8Array(size);
    this.spareSeats = new Int16Array(size);
    this.answerHours = new Float64Array(size);
    this.availabilityStart = new Int32Array(size + 1);
    this.availabilityMinutes = new Int32Array(size);
    this.memberIdOf = new Float64Array(size);
    this.offerStart = new Int32Array(size + 1);
    this.seekStart = new Int32Array(size + 1);
    this.seenStamp = new Int32Array(size);
    this.blockedStamp = new Int32Array(size);

    let windows = 0;
    let offers = 0;
    let seeks = 0;
    members.forEach((member, slot) => {
      if (this.slotOfMember.has(member.memberId)) throw new RangeError(`member ${member.memberId} is listed twice`);
      this.slotOfMember.set(member.memberId, slot);
      windows += member.weeklyUtcMinutes.length;
      offers += member.offers.size;
      seeks += member.seeks.size;
      for (const skillId of [...member.offers.keys(), ...member.seeks.keys()]) if (!this.skillSlot.has(skillId)) this.skillSlot.set(skillId, this.skillSlot.size);
      for (const type of member.mentorshipTypes) if (!this.typeBit.has(type) && this.typeBit.size < 32) this.typeBit.set(type, this.typeBit.size);
    });
    this.availability = new Int32Array(windows * 2);
    this.offerSkill = new Int32Array(offers);
    this.offerLevel = new Uint8Array(offers);
    this.seekSkill = new Int32Array(seeks);
    this.seekLevel = new Uint8Array(seeks);

    const skillCount = this.skillSlot.size;
    const offeredCount = new Int32Array(skillCount);
    const soughtCount = new Int32Array(skillCount);
    windows = 0;
    offers = 0;
    seeks = 0;
    members.forEach((member, slot) => {
      this.canMentor[slot] = member.canMentor ? 1 : 0;
      this.canBeMentee[slot] = member.canBeMentee ? 1 : 0;
      this.years[slot] = member.yearsExperience ?? -1;
      this.offset[slot] = member.utcOffsetMinutes ?? unknownOffset;
      this.typeMask[slot] = this.maskOf(member.mentorshipTypes);
      this.typeCount[slot] = member.mentorshipTypes.length;
      this.spareSeats[slot] = member.spareSeats;
      this.answerHours[slot] = member.medianAnswerHours ?? Number.NaN;
      this.memberIdOf[slot] = member.memberId;
      for (const [start, end] of member.weeklyUtcMinutes) {
        this.availability[windows++] = start;
        this.availability[windows++] = end;
        this.availabilityMinutes[slot]! += end - start;
      }
      this.availabilityStart[slot + 1] = windows;
      for (const [skillId, level] of member.offers) {
        const skill = this.skillSlot.get(skillId)!;
        this.offerSkill[offers] = skill;
        this.offerLevel[offers++] = level;
        offeredCount[skill]!++;
      }
      this.offerStart[slot + 1] = offers;
      for (const [skillId, level] of member.seeks) {
        const skill = this.skillSlot.get(skillId)!;
        this.seekSkill[seeks] = skill;
        this.seekLevel[seeks++] = level;
        soughtCount[skill]!++;
      }
      this.seekStart[slot + 1] = seeks;
    });

    ({ start: this.offeredByStart, slots: this.offeredBy, levels: this.offeredByLevel } = postings(offeredCount, this.offerStart, this.offerSkill, this.offerLevel, 'descending'));
    ({ start: this.soughtByStart, slots: this.soughtBy, levels: this.soughtByLevel } = postings(soughtCount, this.seekStart, this.seekSkill, this.seekLevel, 'ascending'));
    this.offeredColumns = this.columnsFor(this.offeredBy, this.canMentor, this.offerStart);
    this.soughtColumns = this.columnsFor(this.soughtBy, this.canBeMentee, this.seekStart);
  }

  /** The member's profile as indexed; null when they do not take part in matching. */
  member(memberId: number): MatchingMember | null {
    const slot = this.slotOfMember.get(memberId);
    return slot === undefined ? null : this.members[slot]!;
  }

  /** Every member in the index, in member id order as loaded. */
  allMembers(): readonly MatchingMember[] {
    return this.members;
  }

  /** Slot of a member in {@link allMembers}; undefined when not indexed. */
  slotOf(memberId: number): number | undefined {
    return this.slotOfMember.get(memberId);
  }

  /**
   * The best mentors for `mentee` (who need not be in the index: pass a fresh profile), highest score
   * first, ties by lower member id. Only mentors with a free seat who offer a wanted skill at the wanted
   * level or above are considered; the mentee themself never is.
   */
  bestMentorsFor(mentee: MatchProfile, weights: ScoreWeights, query: CandidateQuery): Candidate[] {
    const heap = new TopCandidates(query.limit);
    this.scanOffered(mentee, weights, query, heap, null);
    return heap.sorted();
  }

  /**
   * Calls `visit` for every member who offers a skill the member in `menteeSlot` wants at the wanted
   * level or above, with the pair's score; what a matching round is built from. Slots are positions in
   * {@link allMembers}; the caller decides who counts as a mentor in its round.
   */
  forEachFittingMentor(menteeSlot: number, weights: ScoreWeights, visit: (mentorSlot: number, score: number) => void): void {
    this.scanOffered(this.members[menteeSlot]!, weights, { limit: 0 }, null, visit);
  }

  /**
   * The best mentees for `mentor`, as {@link bestMentorsFor} the other way: mentees with room for a
   * mentorship who want a skill the mentor offers at a level the mentor reaches.
   */
  bestMenteesFor(mentor: MatchProfile, weights: ScoreWeights, query: CandidateQuery): Candidate[] {
    const context = this.queryContext(mentor, weights);
    const heap = new TopCandidates(query.limit);
    const onlySkill = query.onlySkillId === undefined ? -1 : (this.skillSlot.get(query.onlySkillId) ?? -2);
    const skills: number[] = [];
    context.offeredLevel.forEach((level, skill) => {
      if (level > 0 && (onlySkill === -1 || skill === onlySkill)) skills.push(skill);
    });
    const { stamp, selfSlot, checkBlocked } = this.nextStamp(mentor.memberId, query.exclude);
    const checkSeen = skills.length > 1;
    // Hoisted into locals, as in scanOffered.
    const { slot: slots, eligible, years, offset, mask, typeCount, availabilityMinutes, skillCount } = this.soughtColumns;
    const levels = this.soughtByLevel;
    const { seenStamp, blockedStamp, memberIdOf } = this;
    const { skill: skillWeight, experience: experienceWeight, mentorshipTypes: typesWeight, timezone: timezoneWeight, availability: availabilityWeight } = weights;
    const mentorYears = context.years;
    const mentorOffset = context.offset;
    const mentorMask = context.mask;
    const mentorMinutes = context.windowMinutes;
    const mentorOnly = context.ownMentorOnly;
    let threshold = -Infinity;
    // The most any part but the skill can add (every fit is at most 1, weights are never negative;
    // availability cannot beat the mentor's own free hours).
    const restAtMost = typesWeight + (mentorMinutes > 0 ? availabilityWeight * availabilityFit(mentorMinutes) : 0) + timezoneWeight + experienceWeight + mentorOnly;
    for (const skill of skills) {
      const offered = context.offeredLevel[skill]!;
      const start = this.soughtByStart[skill]!;
      // Seekers are stored by wanted level ascending; walk from the highest level the mentor covers
      // down. Higher wanted levels score more, so the heap's threshold rises early and more
      // candidates skip the weekly-window overlap below. Ties rank by member id, so the order of the
      // walk never changes the answer.
      let low = start;
      let high = this.soughtByStart[skill + 1]!;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (levels[middle]! <= offered) low = middle + 1;
        else high = middle;
      }
      // A mentee seeking this one skill scores at most its skill points plus `restAtMost`, and the skill
      // points only fall as the walk goes down the levels: once that bound is under the heap's
      // threshold, the remaining single-skill seekers of this list cannot get in and are passed over.
      let singlesOut = false;
      let boundLevel = -1;
      for (let at = low - 1; at >= start; at--) {
        if (skillCount[at] === 1) {
          if (singlesOut) continue;
          if (threshold > -Infinity && levels[at] !== boundLevel) {
            boundLevel = levels[at]!;
            // The margin keeps floating-point rounding from passing over a candidate that ties.
            if (skillWeight * skillFit(offered, boundLevel) + restAtMost < threshold - 1e-9) {
              singlesOut = true;
              continue;
            }
          }
        }
        const mentee = slots[at]!;
        if (checkSeen) {
          if (seenStamp[mentee] === stamp) continue;
          seenStamp[mentee] = stamp;
        }
        if (mentee === selfSlot || eligible[at] === 0 || (checkBlocked && blockedStamp[mentee] === stamp)) continue;
        const skillPoints = skillCount[at] === 1 ? skillWeight * skillFit(offered, levels[at]!) : this.menteeSkillPoints(mentee, context);
        const shared = popcount((mask[at]! & mentorMask) >>> 0);
        const types = shared > 0 ? typesWeight * mentorshipTypesFit(shared, typeCount[at]!) : 0;
        const menteeOffset = offset[at]!;
        const timezone = menteeOffset !== unknownOffset && mentorOffset !== unknownOffset ? timezoneWeight * timezoneFit(hoursApart(menteeOffset, mentorOffset)) : 0;
        const menteeYears = years[at]!;
        const experience = menteeYears >= 0 && mentorYears >= 0 ? experienceWeight * experienceFit(mentorYears, menteeYears) : 0;
        const mostInCommon = Math.min(availabilityMinutes[at]!, mentorMinutes);
        const bestAvailability = mostInCommon > 0 ? availabilityWeight * availabilityFit(mostInCommon) : 0;
        if (skillPoints + types + bestAvailability + timezone + experience + mentorOnly < threshold) continue;
        const common = mostInCommon > 0 ? this.commonMinutesWith(mentee, context.windows) : 0;
        const availability = common > 0 ? availabilityWeight * availabilityFit(common) : 0;
        heap.offer(memberIdOf[mentee]!, skillPoints + types + availability + timezone + experience + mentorOnly);
        if (heap.full()) threshold = heap.threshold();
      }
    }
    return heap.sorted();
  }

  // Walks the postings of the mentee's wanted skills (down to the wanted level) and scores each mentor
  // once: into the heap when there is one (eligible mentors only), else to `visit` (everyone who fits).
  private scanOffered(mentee: MatchProfile, weights: ScoreWeights, query: CandidateQuery, heap: TopCandidates | null, visit: ((mentorSlot: number, score: number) => void) | null): void {
    const context = this.queryContext(mentee, weights);
    const onlySkill = query.onlySkillId === undefined ? -1 : (this.skillSlot.get(query.onlySkillId) ?? -2);
    const scanned: number[] = [];
    context.wanted.forEach((skill, index) => {
      if (skill >= 0 && (onlySkill === -1 || skill === onlySkill)) scanned.push(index);
    });
    const { stamp, selfSlot, checkBlocked } = this.nextStamp(mentee.memberId, query.exclude);
    const mentorOnly = this.mentorOnlyPoints(weights);
    const checkSeen = scanned.length > 1;
    const single = context.wanted.length === 1;
    // Hoisted into locals: this loop runs for tens of thousands of candidates per query.
    const { slot: slots, eligible, years, offset, mask, availabilityMinutes } = this.offeredColumns;
    const levels = this.offeredByLevel;
    const { seenStamp, blockedStamp, memberIdOf } = this;
    const { skill: skillWeight, experience: experienceWeight, mentorshipTypes: typesWeight, timezone: timezoneWeight, availability: availabilityWeight } = weights;
    const menteeYears = context.years;
    const menteeOffset = context.offset;
    const menteeMask = context.mask;
    const menteeTypes = context.typeCount;
    const menteeMinutes = context.windowMinutes;
    let threshold = -Infinity;
    for (const index of scanned) {
      const skill = context.wanted[index]!;
      const wantedLevel = context.wantedLevels[index]!;
      const end = this.offeredByStart[skill + 1]!;
      for (let at = this.offeredByStart[skill]!; at < end && levels[at]! >= wantedLevel; at++) {
        const mentor = slots[at]!;
        if (checkSeen) {
          if (seenStamp[mentor] === stamp) continue;
          seenStamp[mentor] = stamp;
        }
        if (mentor === selfSlot || (checkBlocked && blockedStamp[mentor] === stamp) || (heap !== null && eligible[at] === 0)) continue;
        // The parts, as combineParts adds them: skill, types, availability, timezone, experience, mentor-only.
        const skillPoints = single ? skillWeight * skillFit(levels[at]!, wantedLevel) : this.mentorSkillPoints(mentor, context);
        const shared = popcount((mask[at]! & menteeMask) >>> 0);
        const types = shared > 0 ? typesWeight * mentorshipTypesFit(shared, menteeTypes) : 0;
        const mentorOffset = offset[at]!;
        const timezone = mentorOffset !== unknownOffset && menteeOffset !== unknownOffset ? timezoneWeight * timezoneFit(hoursApart(mentorOffset, menteeOffset)) : 0;
        const mentorYears = years[at]!;
        const experience = mentorYears >= 0 && menteeYears >= 0 ? experienceWeight * experienceFit(mentorYears, menteeYears) : 0;
        const mostInCommon = Math.min(availabilityMinutes[at]!, menteeMinutes);
        const bestAvailability = mostInCommon > 0 ? availabilityWeight * availabilityFit(mostInCommon) : 0;
        // The overlap of weekly windows is the costly part: skip it when even the most hours could not get in.
        if (skillPoints + types + bestAvailability + timezone + experience + mentorOnly[at]! < threshold) continue;
        const common = mostInCommon > 0 ? this.commonMinutesWith(mentor, context.windows) : 0;
        const availability = common > 0 ? availabilityWeight * availabilityFit(common) : 0;
        const score = skillPoints + types + availability + timezone + experience + mentorOnly[at]!;
        if (heap) {
          heap.offer(memberIdOf[mentor]!, score);
          if (heap.full()) threshold = heap.threshold();
        } else {
          visit!(mentor, score);
        }
      }
    }
  }

  // A new query's stamp; marks the excluded members with it. Without exclusions only the asker's own
  // slot is skipped, so the scan never touches the blocked stamps.
  private nextStamp(self: number, exclude: ReadonlySet<number> | undefined): { stamp: number; selfSlot: number; checkBlocked: boolean } {
    const stamp = ++this.stamp;
    let checkBlocked = false;
    if (exclude) {
      for (const memberId of exclude) {
        const slot = this.slotOfMember.get(memberId);
        if (slot !== undefined) {
          this.blockedStamp[slot] = stamp;
          checkBlocked = true;
        }
      }
    }
    return { stamp, selfSlot: this.slotOfMember.get(self) ?? -1, checkBlocked };
  }

  private queryContext(profile: MatchProfile, weights: ScoreWeights): QueryContext {
    const wanted: number[] = [];
    const wantedLevels: number[] = [];
    for (const [skillId, level] of profile.seeks) {
      wanted.push(this.skillSlot.get(skillId) ?? -1);
      wantedLevels.push(level);
    }
    const offeredLevel = new Uint8Array(this.skillSlot.size);
    for (const [skillId, level] of profile.offers) {
      const skill = this.skillSlot.get(skillId);
      if (skill !== undefined) offeredLevel[skill] = level;
    }
    const windows = new Int32Array(profile.weeklyUtcMinutes.length * 2);
    profile.weeklyUtcMinutes.forEach(([start, end], at) => {
      windows[2 * at] = start;
      windows[2 * at + 1] = end;
    });
    return {
      weights,
      ownMentorOnly: weights.capacity * capacityFit(profile.spareSeats) + weights.responsiveness * responsivenessFit(profile.medianAnswerHours),
      wanted,
      wantedLevels,
      offeredLevel,
      mask: this.maskOf(profile.mentorshipTypes),
      typeCount: profile.mentorshipTypes.length,
      windows,
      windowMinutes: profile.weeklyUtcMinutes.reduce((sum, [start, end]) => sum + end - start, 0),
      offset: profile.utcOffsetMinutes ?? unknownOffset,
      years: profile.yearsExperience ?? -1,
    };
  }

  // Capacity plus responsiveness of each entry of the offered postings, for one set of weights (kept
  // for the last few sets).
  private mentorOnlyPoints(weights: ScoreWeights): Float64Array {
    const key = `${weights.capacity}:${weights.responsiveness}`;
    let points = this.mentorOnlyInPostings.get(key);
    if (!points) {
      points = new Float64Array(this.offeredBy.length);
      for (let at = 0; at < points.length; at++) {
        const slot = this.offeredBy[at]!;
        const hours = this.answerHours[slot]!;
        points[at] = weights.capacity * capacityFit(this.spareSeats[slot]!) + weights.responsiveness * responsivenessFit(Number.isNaN(hours) ? null : hours);
      }
      if (this.mentorOnlyInPostings.size >= 4) this.mentorOnlyInPostings.clear();
      this.mentorOnlyInPostings.set(key, points);
    }
    return points;
  }

  private columnsFor(slots: Int32Array, eligible: Uint8Array, skillRowStart: Int32Array): PostingColumns {
    const count = slots.length;
    const columns: PostingColumns = {
      slot: slots,
      eligible: new Uint8Array(count),
      years: new Int16Array(count),
      offset: new Int16Array(count),
      mask: new Uint32Array(count),
      typeCount: new Uint8Array(count),
      availabilityMinutes: new Int32Array(count),
      skillCount: new Uint8Array(count),
    };
    for (let at = 0; at < count; at++) {
      const slot = slots[at]!;
      columns.eligible[at] = eligible[slot]!;
      columns.years[at] = this.years[slot]!;
      columns.offset[at] = this.offset[slot]!;
      columns.mask[at] = this.typeMask[slot]!;
      columns.typeCount[at] = this.typeCount[slot]!;
      columns.availabilityMinutes[at] = this.availabilityMinutes[slot]!;
      columns.skillCount[at] = Math.min(255, skillRowStart[slot + 1]! - skillRowStart[slot]!);
    }
    return columns;
  }

  private maskOf(types: readonly string[]): number {
    let mask = 0;
    for (const type of types) {
      const bit = this.typeBit.get(type);
      if (bit !== undefined) mask |= 1 << bit;
    }
    return mask >>> 0;
  }

  // Skill points of `mentor` for the asker's wanted skills, in the asker's order.
  private mentorSkillPoints(mentor: number, mentee: QueryContext): number {
    const { weights } = mentee;
    let skill = 0;
    const from = this.offerStart[mentor]!;
    const to = this.offerStart[mentor + 1]!;
    for (let index = 0; index < mentee.wanted.length; index++) {
      const wanted = mentee.wanted[index]!;
      for (let at = from; at < to; at++) {
        if (this.offerSkill[at] !== wanted) continue;
        const level = this.offerLevel[at]!;
        if (level >= mentee.wantedLevels[index]!) skill += weights.skill * skillFit(level, mentee.wantedLevels[index]!);
        break;
      }
    }
    return skill;
  }

  // Skill points of what `mentee` wants that the asking mentor offers, in the mentee's order.
  private menteeSkillPoints(mentee: number, mentor: QueryContext): number {
    let skill = 0;
    for (let at = this.seekStart[mentee]!; at < this.seekStart[mentee + 1]!; at++) {
      const level = mentor.offeredLevel[this.seekSkill[at]!]!;
      if (level >= this.seekLevel[at]!) skill += mentor.weights.skill * skillFit(level, this.seekLevel[at]!);
    }
    return skill;
  }

  private commonMinutesWith(slot: number, windows: Int32Array): number {
    let i = this.availabilityStart[slot]!;
    const end = this.availabilityStart[slot + 1]!;
    let j = 0;
    let total = 0;
    while (i < end && j < windows.length) {
      const leftEnd = this.availability[i + 1]!;
      const rightEnd = windows[j + 1]!;
      const overlap = Math.min(leftEnd, rightEnd) - Math.max(this.availability[i]!, windows[j]!);
      if (overlap > 0) total += overlap;
      if (leftEnd < rightEnd) i += 2;
      else j += 2;
    }
    return total;
  }
}
