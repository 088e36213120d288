import { addDays, instantAt, wallTimeAt } from '../jobs/zoned-time.js';
import type { MemberRecord } from '../members/member.js';
import { minutesOfDay, type QuietHours } from '../shared/time-of-day.js';

/**
 * The quiet hours that apply to a member: their own, the community's default
 * when they set none (`undefined`), or none at all when they chose none (`null`).
 */
export function quietHoursOf(member: MemberRecord, communityDefault: QuietHours | null): QuietHours | null {
  const own = member.notificationPreferences.quietHours;
  return own === undefined ? communityDefault : own;
}

/**
 * When a notice due at `at` may be delivered: `at` itself outside quiet hours,
 * otherwise the end of the quiet hours it falls in, read on the member's
 * clock (so across a DST change the end is still 08:00 local). Quiet hours
 * may wrap midnight (22:00 to 08:00).
 */
export function afterQuietHours(at: Date, quiet: QuietHours | null, zone: string): Date {
  if (!quiet) return at;
  const wall = wallTimeAt(at, zone);
  const minute = wall.hour * 60 + wall.minute;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  const wraps = start > end;
  const inside = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return at;
  // Past midnight's side of a wrapping window ends today; the evening side ends tomorrow.
  const endDay = wraps && minute >= start ? addDays(wall, 1) : wall;
  return instantAt({ ...endDay, hour: Math.floor(end / 60), minute: end % 60 }, zone);
}
