/** Layout of the matching index: packed posting lists by skill and level, and what a query carries. */

import type { ScoreWeights } from './matching-settings.js';

/** Member facts in the order of a posting list (see `columnsFor`). */
export interface PostingColumns {
  readonly slot: Int32Array;
  /** Can mentor (offered postings) or can be a mentee (sought postings). */
  readonly eligible: Uint8Array;
  readonly years: Int16Array;
  readonly offset: Int16Array;
  readonly mask: Uint32Array;
  readonly typeCount: Uint8Array;
  readonly availabilityMinutes: Int32Array;
  /** How many skills the member offers (offered postings) or wants (sought postings). */
  readonly skillCount: Uint8Array;
}

/** One query's view of the asker, packed for the scan loops. */
export interface QueryContext {
  readonly weights: ScoreWeights;
  /** The same for the asker, when the asker is the mentor. */
  readonly ownMentorOnly: number;
  /** The asker's wanted skills as skill slots (-1: no one in the index has it) and levels, in order. */
  readonly wanted: readonly number[];
  readonly wantedLevels: readonly number[];
  /** The asker's offered level per skill slot, 0 when not offered. */
  readonly offeredLevel: Uint8Array;
  readonly mask: number;
  readonly typeCount: number;
  /** Flat `[start, end, start, end...]` in UTC minutes of the week. */
  readonly windows: Int32Array;
  readonly windowMinutes: number;
  readonly offset: number;
  readonly years: number;
}


/** How many bits are set in a 32-bit mask (shared mentorship types). */
export function popcount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Counting sort of (member, level) by skill, then by level within each skill: levels are 1 to 5. */
export function postings(
  countPerSkill: Int32Array,
  rowStart: Int32Array,
  rowSkill: Int32Array,
  rowLevel: Uint8Array,
  order: 'ascending' | 'descending',
): { start: Int32Array; slots: Int32Array; levels: Uint8Array } {
  const skillCount = countPerSkill.length;
  const start = new Int32Array(skillCount + 1);
  for (let skill = 0; skill < skillCount; skill++) start[skill + 1] = start[skill]! + countPerSkill[skill]!;
  // Bucket by (skill, level), levels in the wanted order, so one pass places every entry.
  const bucketStart = new Int32Array(skillCount * 6 + 1);
  const bucketOf = (skill: number, level: number) => skill * 6 + (order === 'descending' ? 5 - level : level);
  for (let at = 0; at < rowSkill.length; at++) bucketStart[bucketOf(rowSkill[at]!, rowLevel[at]!) + 1]!++;
  for (let bucket = 0; bucket < skillCount * 6; bucket++) bucketStart[bucket + 1]! += bucketStart[bucket]!;
  const slots = new Int32Array(rowSkill.length);
  const levels = new Uint8Array(rowSkill.length);
  for (let member = 0; member + 1 < rowStart.length; member++) {
    for (let at = rowStart[member]!; at < rowStart[member + 1]!; at++) {
      const position = bucketStart[bucketOf(rowSkill[at]!, rowLevel[at]!)]!++;
      slots[position] = member;
      levels[position] = rowLevel[at]!;
    }
  }
  return { start, slots, levels };
}
