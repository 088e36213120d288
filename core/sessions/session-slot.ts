import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addDaysTo } from '../mentorships/calendar.js';
import { instantAt } from '../jobs/zoned-time.js';
import { fail, ok, type FieldProblem, type Outcome } from '../outcome.js';
import { timeOfDay } from '../shared/time-of-day.js';
import type { Database } from '../store/database.js';
import type { PairContext } from './pair-context.js';
import { zoneOf } from './pair-context.js';
import { findOverlappingSession } from './session.repository.js';
import { isRealDate, zonedTimeToUtc } from './session-time.js';

/** When a session happens, as the proposer types it: a date and a time on their own clock. */
export const sessionTimeFields = {
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD, e.g. 2026-04-14.').refine(isRealDate, 'That date does not exist; check the day and month.'),
  time: timeOfDay,
  /** Optional; when given it must be the proposer's own timezone, so nobody books a time they read in another zone. */
  timezone: z.string().trim().max(64).nullish(),
  durationMinutes: z.coerce.number('Give the length in minutes, e.g. 60.').int('Give whole minutes.').min(15, 'A session lasts at least 15 minutes.').max(240, 'A session lasts at most 240 minutes (4 hours).'),
};

export interface SlotInput {
  readonly date: string;
  readonly time: string;
  readonly timezone?: string | null | undefined;
  readonly durationMinutes: number;
}

const problem = (field: string, message: string) => fail('invalid-input', message, [{ field, message } satisfies FieldProblem]);

/**
 * Checks a session's time for a pair, inside the transaction that holds both
 * members locked (see `loadPair`): read in the proposer's timezone, it must
 * exist on their clock, lie in the future and within the relation (from its
 * start to the end of its end date in the community's timezone), and overlap
 * no proposed or confirmed session of either member.
 *
 * @returns the start in UTC.
 */
export async function checkSessionSlot(db: Kysely<Database>, pair: PairContext, input: SlotInput, now: Date, exceptSessionId?: number): Promise<Outcome<Date>> {
  const zone = zoneOf(pair.me, pair.community);
  if (input.timezone && input.timezone !== zone) {
    return problem('timezone', `Times are read in your profile's timezone, ${zone}, not ${input.timezone}. Give the time in ${zone}, or change your timezone in your profile first.`);
  }
  const local = zonedTimeToUtc(input.date, input.time, zone);
  if (!local.ok) return problem('time', `${input.time} does not exist on ${input.date} in ${zone}: the clocks skip it. Pick another time.`);
  const start = local.instant;
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  if (start.getTime() <= now.getTime()) return problem('date', 'That time has passed. Pick a time in the future.');
  const { mentorship, community } = pair;
  if (mentorship.acceptedAt && start < mentorship.acceptedAt) return problem('date', 'Pick a time after the mentorship started.');
  const [year, month, day] = addDaysTo(mentorship.endDate, 1).split('-').map(Number) as [number, number, number];
  const relationEnds = instantAt({ year, month, day, hour: 0, minute: 0 }, community.timezone);
  if (end > relationEnds) return problem('date', `The mentorship ends on ${mentorship.endDate}: pick a time before its end, or extend it first.`);

  const memberIds = [mentorship.mentorId, mentorship.menteeId].filter((id): id is number => id !== null);
  const overlap = await findOverlappingSession(db, { memberIds, start, end, ...(exceptSessionId !== undefined ? { exceptId: exceptSessionId } : {}) });
  if (overlap) {
    const mine = overlap.memberIds.includes(pair.me.id);
    const message = mine
      ? `That overlaps another session of yours (${overlap.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${overlap.durationMinutes} minutes). Pick a time that is free for both of you.`
      : 'The other member already has a session at that time. Pick another time.';
    return fail('conflict', message, [{ field: 'time', message }]);
  }
  return ok(start);
}
