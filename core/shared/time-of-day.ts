import { z } from 'zod';

/** 'HH:MM' on a 24-hour clock, 00:00 to 23:59. */
export const timeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time as HH:MM, e.g. 18:30.');

/** Minutes since midnight of an 'HH:MM' already checked by {@link timeOfDay}. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * Quiet hours may wrap midnight (22:00 to 07:00), so only equal ends are
 * rejected: they would mean either never or always quiet.
 */
export const quietHours = z
  .object({ start: timeOfDay, end: timeOfDay })
  .refine((hours) => hours.start !== hours.end, { message: 'Quiet hours need different start and end times.', path: ['end'] });

export type QuietHours = z.infer<typeof quietHours>;
