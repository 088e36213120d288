import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import { actOnSession, calendarAttachmentFor, reread } from './act-on-session.js';
import type { SessionChange } from './propose-session.js';
import { withdrawPendingReminders } from './session.repository.js';
import { sessionNotices } from './session-messages.js';

const cancelInput = z.object({
  reason: z.string().trim().min(3, 'Say why, in a few words: the other side will read it.').max(500, 'Keep the reason under 500 characters.'),
});

/**
 * Either side cancels a proposed or confirmed session (declining a proposal
 * is cancelling it), with a reason the other side reads. A confirmed one was
 * in both calendars: both get a METHOD:CANCEL file with a higher SEQUENCE,
 * which removes it. Reminders not yet sent are withdrawn.
 */
export async function cancelSession(deps: CoreDeps, actor: Actor, input: { sessionId: number; reason: string }): Promise<Outcome<SessionChange>> {
  return actOnSession(deps, actor, 'session.cancel', input.sessionId, async (trx, context) => {
    const parsed = cancelInput.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const { session, now, me, other, community } = context;
    if (session.status === 'CANCELLED') return fail('already-done', 'This session is already cancelled.');
    if (session.status !== 'PROPOSED' && session.status !== 'CONFIRMED') return fail('wrong-state', 'This session has taken place; it cannot be cancelled.');
    const wasConfirmed = session.status === 'CONFIRMED';
    await trx
      .updateTable('mentoring_sessions')
      .set((eb) => ({ status: 'CANCELLED', change_reason: parsed.data.reason, calendar_sequence: eb('calendar_sequence', '+', 1), updated_at: now }))
      .where('id', '=', session.id)
      .execute();
    await withdrawPendingReminders(trx, session.id);
    const cancelled = await reread(trx, context);
    const file = wasConfirmed ? calendarAttachmentFor(cancelled, context) : null;
    if (other && !other.erasedAt) {
      await enqueue(trx, {
        communityId: community.id,
        kind: 'dm',
        payload: { recipientMemberId: other.id, message: sessionNotices.cancelled(cancelled, me, file) },
        dedupeKey: `session:${session.id}:cancelled:${other.id}`,
      });
    }
    // The canceller's own calendar holds the event too.
    const reply = privateMessage(['Session cancelled. The other member has been told.', ...(file ? [' The attached file removes it from your calendar.'] : [])], {
      title: 'Session cancelled',
      ...(file ? { attachments: [file] } : {}),
    });
    return ok({ sessionId: session.id, status: cancelled.status, reply });
  });
}
