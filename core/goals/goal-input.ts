import { z } from 'zod';
import type { PairContext } from '../sessions/pair-context.js';
import { isRealDate } from '../sessions/session-time.js';
import { localToday } from '../mentorships/calendar.js';
import { fail, type Failure } from '../outcome.js';

export const dueDateField = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD, e.g. 2026-05-01.')
  .refine(isRealDate, 'That date does not exist; check the day and month.')
  .nullish();

/** A due date must be today or later (community's clock) and within the relation. */
export function checkDueDate(dueDate: string | null | undefined, pair: PairContext, now: Date): Failure | null {
  if (!dueDate) return null;
  const today = localToday(now, pair.community.timezone);
  const problem = (message: string) => fail('invalid-input', message, [{ field: 'dueDate', message }]);
  if (dueDate < today) return problem('That date has passed. Pick today or a later day.');
  if (dueDate > pair.mentorship.endDate) return problem(`The mentorship ends on ${pair.mentorship.endDate}: pick a day before its end.`);
  return null;
}

/** Goals and tasks are added while a relation runs (or is paused), not after it ended. */
export function checkRunning(pair: PairContext): Failure | null {
  return pair.mentorship.status === 'ACCEPTED' || pair.mentorship.status === 'PAUSED' ? null : fail('wrong-state', 'This mentorship has ended; its goals and tasks stay as they are.');
}
