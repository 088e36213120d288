/**
 * Wall-clock time in an IANA timezone, with `Intl.DateTimeFormat` and no
 * library. Two questions only: what does a zone's clock show at an instant,
 * and which instant does a zone's clock time denote.
 */

/** A date and time as a zone's clock shows it; month 1 to 12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

// Building a formatter costs far more than using one, and one is needed per
// zone on every tick; formatters are immutable, so this memo holds no state.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone, which callers report per community.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function partsAt(instantMs: number, zone: string): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instantMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** What a clock in `zone` shows at `instant` (seconds dropped). */
export function wallTimeAt(instant: Date, zone: string): WallTime {
  const { year, month, day, hour, minute } = partsAt(instant.getTime(), zone);
  return { year, month, day, hour, minute };
}

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +7,200,000). */
function offsetAt(instantMs: number, zone: string): number {
  const wall = partsAt(instantMs, zone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a clock in `zone` shows `wall`, resolved as Temporal's
 * 'compatible' disambiguation does:
 * - a time that happens twice (clocks go back) is its first occurrence;
 * - a time that never happens (clocks go forward) moves forward by the gap:
 *   02:30 on Berlin's spring-forward day is 03:30 CEST.
 *
 * Relies on at most one offset change within a day either side, true of every
 * zone in use.
 */
export function instantAt(wall: WallTime, zone: string): Date {
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const day = 86_400_000;
  const before = offsetAt(wallAsUtc - day, zone);
  const after = offsetAt(wallAsUtc + day, zone);
  const matching = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset)
    .filter((instant) => wallAsUtc - offsetAt(instant, zone) === instant)
    .sort((left, right) => left - right);
  // No offset fits: the time is in a gap, so read it with the offset in force before the gap.
  return new Date(matching[0] ?? wallAsUtc - before);
}

/** A calendar date moved by whole days; months and years roll over. */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 for Sunday to 6 for Saturday, of a calendar date. */
export function dayOfWeek(date: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** 'YYYY-MM-DDTHH:MM' of a wall time: how slots are named. */
export function formatWallTime(wall: WallTime): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}
