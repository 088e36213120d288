/**
 * When a job runs, as data rather than cron text: a typo is a type error, and
 * the scheduler can compute "the latest slot at or before now" for any of them
 * (see `latest-slot.ts`). Times are 'HH:MM' on a 24-hour clock, read in the
 * community's timezone for per-community jobs and in UTC otherwise.
 */
export type Schedule =
  /** Every `interval` minutes of real time, aligned to UTC midnight; `interval` divides 1440. */
  | { readonly every: 'minutes'; readonly interval: number }
  | { readonly daily: string }
  | { readonly weekly: { readonly day: Weekday; readonly time: string } }
  /** Days 1 to 28 only, so every month has the slot. */
  | { readonly monthly: { readonly day: number; readonly time: string } };

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

const clockTime = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Hours and minutes of an 'HH:MM' time; throws on anything else (a bug in a job definition). */
export function parseClockTime(time: string): { hour: number; minute: number } {
  const match = clockTime.exec(time);
  if (!match) throw new RangeError(`schedule time must be HH:MM, got '${time}'`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Throws a RangeError naming what is wrong; the scheduler checks every job when it is created. */
export function assertSchedule(schedule: Schedule): void {
  if ('every' in schedule) {
    const { interval } = schedule;
    if (!Number.isInteger(interval) || interval < 1 || 1440 % interval !== 0) {
      throw new RangeError(`every-minutes interval must divide 1440 (a day), got ${interval}`);
    }
  } else if ('daily' in schedule) {
    parseClockTime(schedule.daily);
  } else if ('weekly' in schedule) {
    if (!weekdays.includes(schedule.weekly.day)) throw new RangeError(`unknown weekday '${schedule.weekly.day}'`);
    parseClockTime(schedule.weekly.time);
  } else {
    const { day, time } = schedule.monthly;
    if (!Number.isInteger(day) || day < 1 || day > 28) throw new RangeError(`monthly day must be 1 to 28, got ${day}`);
    parseClockTime(time);
  }
}
