import { weekdays } from '../members/availability.js';
import { addDays, dayOfWeek, instantAt, wallTimeAt } from '../jobs/zoned-time.js';
import { minutesOfDay } from '../shared/time-of-day.js';
import type { RoundSchedule } from './matching-settings.js';

const dayMs = 86_400_000;

/**
 * When the next round runs: the first `schedule.weekday` at `schedule.time` (community timezone) after
 * `after`, and no sooner than `everyWeeks` weeks after the previous round (less half a day, so a round
 * run a few hours late does not push the next one a whole period).
 */
export function nextRoundTime(schedule: RoundSchedule, timezone: string, after: Date, previousRound: Date | null): Date {
  const earliest = previousRound ? Math.max(after.getTime(), previousRound.getTime() + schedule.everyWeeks * 7 * dayMs - dayMs / 2) : after.getTime();
  const minutes = minutesOfDay(schedule.time);
  // Sunday is 0 in dayOfWeek; availability's weekdays start on Monday.
  const targetDay = (weekdays.indexOf(schedule.weekday) + 1) % 7;
  let date = wallTimeAt(new Date(earliest), timezone);
  for (let step = 0; step < 8 * 7 * 13; step++) {
    if (dayOfWeek(date) === targetDay) {
      const instant = instantAt({ year: date.year, month: date.month, day: date.day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timezone);
      if (instant.getTime() > earliest) return instant;
    }
    const next = addDays(date, 1);
    date = { ...next, hour: 0, minute: 0 };
  }
  throw new RangeError(`no ${schedule.weekday} found after ${new Date(earliest).toISOString()}`);
}
