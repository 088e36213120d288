import { z } from 'zod';
import { minutesOfDay, timeOfDay } from '../shared/time-of-day.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** A weekly window in the member's own timezone; a window never crosses midnight (split it in two). */
export interface AvailabilityWindow {
  readonly day: Weekday;
  readonly start: string;
  readonly end: string;
}

export const maxAvailabilityWindows = 21;

const window = z
  .object({ day: z.enum(weekdays, 'Use a day as mon, tue, wed, thu, fri, sat or sun.'), start: timeOfDay, end: timeOfDay })
  .superRefine((w, context) => {
    if (minutesOfDay(w.start) >= minutesOfDay(w.end)) {
      context.addIssue({ code: 'custom', path: ['end'], message: `${w.day} ${w.start}-${w.end} must end after it starts; split a window that crosses midnight in two.` });
    }
  });

/** Windows that make sense: at most 21, each ending after it starts, none overlapping another on the same day. */
export const availability = z
  .array(window)
  .max(maxAvailabilityWindows, `List at most ${maxAvailabilityWindows} windows a week.`)
  .superRefine((windows, context) => {
    const sorted = [...windows].sort((a, b) => weekdays.indexOf(a.day) - weekdays.indexOf(b.day) || minutesOfDay(a.start) - minutesOfDay(b.start));
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1]!;
      const current = sorted[index]!;
      if (previous.day === current.day && minutesOfDay(current.start) < minutesOfDay(previous.end)) {
        context.addIssue({ code: 'custom', message: `${current.day} ${current.start}-${current.end} overlaps ${previous.start}-${previous.end}; merge them.` });
      }
    }
  })
  .transform((windows) => [...windows].sort((a, b) => weekdays.indexOf(a.day) - weekdays.indexOf(b.day) || minutesOfDay(a.start) - minutesOfDay(b.start)));

/**
 * Reads availability typed in a chat form: one window per line or separated by
 * commas, as `mon 18:00-20:00`; several days may share a time (`tue,thu 07:30-08:30`
 * or `mon-fri 12:00-13:00`). Returns the windows, or the first line that does
 * not read with how to write it.
 */
export function parseAvailabilityText(text: string): { ok: true; windows: AvailabilityWindow[] } | { ok: false; message: string } {
  const windows: AvailabilityWindow[] = [];
  const entries = text.split(/[\n;]+/).flatMap((line) => line.split(/(?<=\d)\s*,/)).map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const match = /^([a-z]{3}(?:\s*[-,]\s*[a-z]{3})*)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/i.exec(entry);
    const days = match ? expandDays(match[1]!.toLowerCase()) : null;
    if (!match || !days) return { ok: false, message: `"${entry}" does not read as a window. Write one per line like: mon 18:00-20:00` };
    for (const day of days) windows.push({ day, start: match[2]!.padStart(5, '0'), end: match[3]!.padStart(5, '0') });
  }
  return { ok: true, windows };
}

function expandDays(spec: string): Weekday[] | null {
  const days: Weekday[] = [];
  for (const part of spec.split(/\s*,\s*/)) {
    const [from, to] = part.split(/\s*-\s*/) as [string, string | undefined];
    const start = weekdays.indexOf(from as Weekday);
    const end = to === undefined ? start : weekdays.indexOf(to as Weekday);
    if (start < 0 || end < start) return null;
    days.push(...weekdays.slice(start, end + 1));
  }
  return days;
}

/** The inverse of {@link parseAvailabilityText}, to prefill a form. */
export function formatAvailability(windows: readonly AvailabilityWindow[]): string {
  return windows.map((w) => `${w.day} ${w.start}-${w.end}`).join('\n');
}
