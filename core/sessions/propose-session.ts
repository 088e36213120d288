import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { loadPair } from './pair-context.js';
import { sessionKinds, type SessionRecord } from './session.js';
import { findSession } from './session.repository.js';
import { sessionFields, sessionNotices } from './session-messages.js';
import { checkSessionSlot, sessionTimeFields } from './session-slot.js';

const proposeInput = z.object({
  ...sessionTimeFields,
  kind: z.enum(sessionKinds, 'Choose the kind of session.'),
  agenda: z.string().trim().max(2000, 'Keep the agenda under 2,000 characters.').nullish(),
  location: z.string().trim().max(500, 'Keep the link or place under 500 characters.').nullish(),
});

export type ProposeSessionValues = z.input<typeof proposeInput>;

export interface SessionChange {
  readonly sessionId: number;
  readonly status: SessionRecord['status'];
  readonly reply: Message;
}

/**
 * Either side of a running mentorship proposes a session (seed 003: a
 * meeting needs both, so it waits for the other to confirm). The time is read
 * in the proposer's timezone and checked for the relation's dates and for
 * overlaps with either member's sessions, with both members locked, so two
 * proposals cannot take the same slot. The other side gets a DM to confirm or
 * propose another time.
 */
export async function proposeSession(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; values: ProposeSessionValues }): Promise<Outcome<SessionChange>> {
  const auth = authorizeMember(actor, 'session.propose');
  if (!auth.ok) return auth;
  const parsed = proposeInput.safeParse(input.values);
  if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
  const values = parsed.data;
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (trx) => {
    const loaded = await loadPair(trx, auth.value, input.mentorshipId, { lock: true });
    if (!loaded.ok) return loaded;
    const pair = loaded.value;
    if (pair.mentorship.status !== 'ACCEPTED') {
      return fail('wrong-state', pair.mentorship.status === 'PAUSED' ? 'This mentorship is paused: resume it before planning sessions.' : 'This mentorship is not running, so it has no new sessions.');
    }
    if (!pair.other || pair.other.erasedAt) return fail('wrong-state', 'The other member is no longer in the program.');
    const slot = await checkSessionSlot(trx, pair, values, now);
    if (!slot.ok) return slot;

    const row = await trx
      .insertInto('mentoring_sessions')
      .values({
        mentorship_id: pair.mentorship.id, proposed_by: pair.me.id, status: 'PROPOSED', kind: values.kind, starts_at: slot.value,
        duration_minutes: values.durationMinutes, agenda: values.agenda || null, location: values.location || null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await findSession(trx, pair.community.id, row.id);
    if (!session) throw new Error(`session ${row.id} vanished after insert`);
    await enqueue(trx, {
      communityId: pair.community.id,
      kind: 'dm',
      payload: { recipientMemberId: pair.other.id, message: sessionNotices.proposed(session, pair.me, 'new') },
      dedupeKey: `session:${session.id}:proposed:${session.calendarSequence}`,
    });
    return ok({
      sessionId: session.id,
      status: session.status,
      reply: privateMessage(['Session proposed. ', { mention: pair.other.platformUserId }, ' will confirm it or propose another time.'], { title: 'Session proposed', fields: sessionFields(session) }),
    });
  });
}
