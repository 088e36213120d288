import { addDays, wallTimeAt } from '../jobs/zoned-time.js';
import type { DateOnly } from '../store/database.js';

/**
 * Calendar dates ('YYYY-MM-DD') as a community lives them: end dates, resume
 * dates and "today" are read in the community's timezone, never in UTC.
 */

/** Today's date on the community's clocks. */
export function localToday(now: Date, timezone: string): DateOnly {
  const wall = wallTimeAt(now, timezone);
  return formatDate(wall);
}

export function addDaysTo(date: DateOnly, days: number): DateOnly {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return formatDate(addDays({ year, month, day }, days));
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: DateOnly, to: DateOnly): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The ISO week a date falls in, e.g. '2026-W14' (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: DateOnly): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  // The Thursday of the same week decides which year the week belongs to.
  const thursday = new Date(Date.UTC(year, month - 1, day + 4 - weekday));
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

function formatDate(date: { year: number; month: number; day: number }): DateOnly {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
