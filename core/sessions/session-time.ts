import { instantAt, wallTimeAt, type WallTime } from '../jobs/zoned-time.js';

/**
 * Local date and time → UTC instant, for what a member types in their own
 * timezone. Built on `zoned-time.ts`, with two checks it leaves to callers:
 *
 * - a time that never happens (clocks go forward: 02:30 on Berlin's
 *   spring-forward day) is refused, not moved, since the person meant a time
 *   that does not exist and should pick another;
 * - a time that happens twice (clocks go back: 01:30 on New York's fall-back
 *   day) is its first occurrence, the one before the change.
 */
export type LocalTimeResult = { readonly ok: true; readonly instant: Date } | { readonly ok: false; readonly reason: 'no-such-time' };

export function zonedTimeToUtc(date: string, time: string, zone: string): LocalTimeResult {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall: WallTime = { year, month, day, hour, minute };
  const instant = instantAt(wall, zone);
  const back = wallTimeAt(instant, zone);
  const same = back.year === year && back.month === month && back.day === day && back.hour === hour && back.minute === minute;
  return same ? { ok: true, instant } : { ok: false, reason: 'no-such-time' };
}

/** Whether 'YYYY-MM-DD' names a real calendar day (no 30 February). */
export function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
