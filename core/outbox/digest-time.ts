import { addDays, instantAt, wallTimeAt } from '../jobs/zoned-time.js';

/** When digests go out, on the member's clock: 18:00, and for weekly digests on Mondays. */
export const digestHour = 18;
/**
 * How long after the digest time a message still counts as on time. A row the
 * dispatcher claims a little late (a busy queue, a restart) is sent with the
 * rest instead of waiting for the next digest.
 */
export const digestWindowHours = 3;

/**
 * The instant a message for a member with a daily or weekly digest may go
 * out: `now` while inside a digest window, otherwise the start of the next one
 * (today's 18:00 or tomorrow's; for weekly, the coming Monday's), read in the
 * member's timezone so it stays 18:00 local across a DST change.
 */
export function nextDigestTime(now: Date, digest: 'daily' | 'weekly', zone: string): Date {
  const wall = wallTimeAt(now, zone);
  // 0 = Sunday … 6 = Saturday, for the local date.
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const isDigestDay = digest === 'daily' || weekday === 1;
  if (isDigestDay && wall.hour >= digestHour && wall.hour < digestHour + digestWindowHours) return now;
  let daysAhead = isDigestDay && wall.hour < digestHour ? 0 : 1;
  if (digest === 'weekly') daysAhead = isDigestDay && wall.hour < digestHour ? 0 : ((8 - weekday) % 7 || 7);
  return instantAt({ ...addDays(wall, daysAhead), hour: digestHour, minute: 0 }, zone);
}
