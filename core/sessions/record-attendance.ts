import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage } from '../reply.js';
import { actOnSession, hasEnded } from './act-on-session.js';
import type { SessionChange } from './propose-session.js';

/**
 * After a confirmed session's end, either side records whether it took place
 * (COMPLETED) or not (MISSED). Either side may correct the other's record
 * while nobody has rated the session yet.
 */
export async function recordAttendance(deps: CoreDeps, actor: Actor, input: { sessionId: number; attended: boolean }): Promise<Outcome<SessionChange>> {
  return actOnSession(deps, actor, 'session.attendance', input.sessionId, async (trx, context) => {
    const { session, now } = context;
    const to = input.attended ? 'COMPLETED' : 'MISSED';
    if (session.status === to) return fail('already-done', input.attended ? 'This session is already marked as attended.' : 'This session is already marked as missed.');
    if (session.status === 'PROPOSED' || session.status === 'CANCELLED') return fail('wrong-state', 'Only a confirmed session can be marked attended or missed.');
    if (!hasEnded(session, now)) return fail('wrong-state', 'This session has not ended yet; mark it once it is over.');
    if (session.status !== 'CONFIRMED') {
      const rated = await trx.selectFrom('feedback').select('id').where('session_id', '=', session.id).executeTakeFirst();
      if (rated) return fail('wrong-state', 'This session has been rated already; its attendance stays as recorded.');
    }
    await trx.updateTable('mentoring_sessions').set({ status: to, updated_at: now }).where('id', '=', session.id).execute();
    const reply = input.attended
      ? privateMessage(['Marked as attended. How did it go?'], {
          title: 'Session attended',
          actions: [
            { type: 'button', customId: interactionId('feedback', 'session', session.id), label: 'Rate the session', style: 'primary' },
            { type: 'button', customId: interactionId('session', 'notes', session.id), label: 'Add notes', style: 'secondary' },
          ],
        })
      : privateMessage(['Marked as missed. Propose a new session when you are ready.'], { title: 'Session missed' });
    return ok({ sessionId: session.id, status: to, reply });
  });
}
