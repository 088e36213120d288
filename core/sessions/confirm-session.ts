import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import { actOnSession, calendarAttachmentFor, reread } from './act-on-session.js';
import { findOverlappingSession } from './session.repository.js';
import { sessionEnd } from './session.js';
import { sessionFields, sessionNotices } from './session-messages.js';
import type { SessionChange } from './propose-session.js';

/**
 * The other side confirms a proposed session (the proposer cannot confirm
 * their own). The time must still be ahead and still free: another session
 * may have been confirmed meanwhile. Both members get the calendar file.
 */
export async function confirmSession(deps: CoreDeps, actor: Actor, input: { sessionId: number }): Promise<Outcome<SessionChange>> {
  return actOnSession(deps, actor, 'session.confirm', input.sessionId, async (trx, context) => {
    const { session, now, me, mentorship, community } = context;
    if (session.status === 'CONFIRMED') return fail('already-done', 'This session is already confirmed.');
    if (session.status !== 'PROPOSED') return fail('wrong-state', 'This session was cancelled or has taken place; it cannot be confirmed now.');
    if (session.proposedBy === me.id) return fail('forbidden', 'You proposed this time: the other member confirms it.');
    if (mentorship.status !== 'ACCEPTED') return fail('wrong-state', 'This mentorship is not running at the moment, so its sessions cannot be confirmed.');
    if (session.startsAt <= now) return fail('wrong-state', 'That time has passed. Propose another time.');
    const memberIds = [mentorship.mentorId, mentorship.menteeId].filter((id): id is number => id !== null);
    const overlap = await findOverlappingSession(trx, { memberIds, start: session.startsAt, end: sessionEnd(session), exceptId: session.id });
    if (overlap && overlap.status === 'CONFIRMED') return fail('conflict', 'One of you already has a confirmed session at that time. Propose another time.');

    await trx.updateTable('mentoring_sessions').set({ status: 'CONFIRMED', updated_at: now }).where('id', '=', session.id).execute();
    const confirmed = await reread(trx, context);
    const file = calendarAttachmentFor(confirmed, context);
    for (const recipient of [context.me, context.other]) {
      if (!recipient || recipient.erasedAt) continue;
      await enqueue(trx, {
        communityId: community.id,
        kind: 'dm',
        payload: { recipientMemberId: recipient.id, message: sessionNotices.confirmed(confirmed, me, file, community.settings.reminders.sessionHoursBefore) },
        dedupeKey: `session:${session.id}:confirmed:${confirmed.calendarSequence}:${recipient.id}`,
      });
    }
    return ok({ sessionId: session.id, status: confirmed.status, reply: privateMessage(['Session confirmed. You both get a calendar file by DM.'], { title: 'Session confirmed', fields: sessionFields(confirmed) }) });
  });
}
