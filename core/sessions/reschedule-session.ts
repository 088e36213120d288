import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import { actOnSession, reread } from './act-on-session.js';
import type { SessionChange } from './propose-session.js';
import { withdrawPendingReminders } from './session.repository.js';
import { sessionFields, sessionNotices } from './session-messages.js';
import { checkSessionSlot, sessionTimeFields } from './session-slot.js';

const rescheduleInput = z.object({
  date: sessionTimeFields.date,
  time: sessionTimeFields.time,
  timezone: sessionTimeFields.timezone,
  /** Unchanged when absent. */
  durationMinutes: sessionTimeFields.durationMinutes.optional(),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').nullish(),
});

export type RescheduleValues = z.input<typeof rescheduleInput>;

/**
 * Another time for a session, one use case for two moments:
 * - a counter-proposal: the session is PROPOSED and the other side proposes
 *   another time (the proposal is replaced, reason optional);
 * - a reschedule: the session is CONFIRMED and either side moves it (reason
 *   required); it goes back to PROPOSED for the other side to confirm.
 *
 * Either way the same session row keeps its id, so its calendar UID stays
 * stable; SEQUENCE rises so calendars replace the event, and reminders
 * queued for the old time are withdrawn.
 */
export async function rescheduleSession(deps: CoreDeps, actor: Actor, input: { sessionId: number; values: RescheduleValues }): Promise<Outcome<SessionChange>> {
  const parsed = rescheduleInput.safeParse(input.values);
  return actOnSession(deps, actor, 'session.reschedule', input.sessionId, async (trx, context) => {
    if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
    const values = parsed.data;
    const { session, now, me, other, community, mentorship } = context;
    if (session.status !== 'PROPOSED' && session.status !== 'CONFIRMED') return fail('wrong-state', 'This session was cancelled or has taken place; propose a new one instead.');
    if (mentorship.status !== 'ACCEPTED') return fail('wrong-state', 'This mentorship is not running at the moment.');
    if (!other || other.erasedAt) return fail('wrong-state', 'The other member is no longer in the program.');
    const reason = values.reason || null;
    const wasConfirmed = session.status === 'CONFIRMED';
    if (wasConfirmed && (!reason || reason.length < 3)) {
      const message = 'Say why you move the session, in a few words: the other side will read it.';
      return fail('invalid-input', message, [{ field: 'reason', message }]);
    }
    const durationMinutes = values.durationMinutes ?? session.durationMinutes;
    const slot = await checkSessionSlot(trx, context, { ...values, durationMinutes }, now, session.id);
    if (!slot.ok) return slot;

    await trx
      .updateTable('mentoring_sessions')
      .set((eb) => ({
        status: 'PROPOSED', proposed_by: me.id, starts_at: slot.value, duration_minutes: durationMinutes, change_reason: reason,
        calendar_sequence: eb('calendar_sequence', '+', 1), reminded_day_before_at: null, reminded_hour_before_at: null, updated_at: now,
      }))
      .where('id', '=', session.id)
      .execute();
    await withdrawPendingReminders(trx, session.id);
    const moved = await reread(trx, context);
    await enqueue(trx, {
      communityId: community.id,
      kind: 'dm',
      payload: { recipientMemberId: other.id, message: sessionNotices.proposed(moved, me, wasConfirmed ? 'reschedule' : 'counter') },
      dedupeKey: `session:${session.id}:proposed:${moved.calendarSequence}`,
    });
    return ok({
      sessionId: session.id,
      status: moved.status,
      reply: privateMessage(['New time proposed. ', { mention: other.platformUserId }, ' will confirm it or propose another.'], { title: 'New time proposed', fields: sessionFields(moved) }),
    });
  });
}
