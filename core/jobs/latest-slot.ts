import { parseClockTime, weekdays, type Schedule } from './schedule.js';
import { addDays, dayOfWeek, formatWallTime, instantAt, wallTimeAt, type WallTime } from './zoned-time.js';

/** One scheduled run: when it falls, and its name, the same whichever replica computes it. */
export interface Slot {
  readonly at: Date;
  /**
   * The local date and time it was scheduled for ('2026-03-29T23:59'), or the
   * UTC minute for interval schedules ('2026-03-29T00:15Z'). On a day when the
   * clocks go back, a time that happens twice has one label, so it runs once.
   */
  readonly label: string;
}

/**
 * The latest scheduled instant at or before `now` in `zone`. Daylight-saving
 * changes follow {@link instantAt}: a slot in the spring-forward gap runs when
 * the clocks have jumped past it (02:30 becomes 03:30), and a slot in the
 * hour that repeats runs at its first occurrence.
 */
export function latestSlot(schedule: Schedule, now: Date, zone: string): Slot {
  if ('every' in schedule) {
    const step = schedule.interval * 60_000;
    const at = new Date(Math.floor(now.getTime() / step) * step);
    return { at, label: `${at.toISOString().slice(0, 16)}Z` };
  }
  const today = wallTimeAt(now, zone);
  // Candidate dates, latest first; the first whose instant is not after now wins.
  let dates: Array<{ year: number; month: number; day: number }>;
  let time: string;
  if ('daily' in schedule) {
    time = schedule.daily;
    dates = [today, addDays(today, -1)];
  } else if ('weekly' in schedule) {
    time = schedule.weekly.time;
    const back = (dayOfWeek(today) - weekdays.indexOf(schedule.weekly.day) + 7) % 7;
    dates = [addDays(today, -back), addDays(today, -back - 7)];
  } else {
    time = schedule.monthly.time;
    const { day } = schedule.monthly;
    const previousMonth = today.month === 1 ? { year: today.year - 1, month: 12 } : { year: today.year, month: today.month - 1 };
    dates = [
      { year: today.year, month: today.month, day },
      { ...previousMonth, day },
    ];
  }
  const { hour, minute } = parseClockTime(time);
  for (const date of dates) {
    const wall: WallTime = { ...date, hour, minute };
    const at = instantAt(wall, zone);
    if (at <= now) return { at, label: formatWallTime(wall) };
  }
  // Unreachable for valid schedules: the second candidate is a full period back.
  throw new Error(`no slot at or before ${now.toISOString()} for ${JSON.stringify(schedule)} in ${zone}`);
}
