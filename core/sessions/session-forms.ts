import { authorizeMember } from '../access/authorize.js';
import type { Actor, KnownMemberActor } from '../access/actor.js';
import type { UseCaseName } from '../access/policy.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { formatWallTime, wallTimeAt } from '../jobs/zoned-time.js';
import { addDaysTo, localToday } from '../mentorships/calendar.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import { modal, type ModalSpec } from '../reply.js';
import { loadPair, zoneOf, type PairContext } from './pair-context.js';
import { notesContext, sessionKindLabels, sessionKinds, type SessionRecord } from './session.js';
import { findSession } from './session.repository.js';

/**
 * The forms of the sessions feature, each opened for one member: times are
 * asked and shown on that member's own clock (their timezone, else the
 * community's), which the form names so nobody books a time they read in
 * another zone. Opening a form checks what its submission would, so a member
 * is told before typing, not after; the submission checks again.
 */

const notFound = () => fail('not-found', 'That session does not exist, or is not yours.');

/** Names the zone the time is read in, within a label's 45 characters. */
function timeLabel(zone: string): string {
  const full = `Time (HH:MM, ${zone})`;
  return full.length <= 45 ? full : 'Time (HH:MM, your timezone)';
}

const whenInputs = (zone: string, prefill?: { date: string; time: string; durationMinutes: number }) => [
  { type: 'text' as const, id: 'date', label: 'Date (YYYY-MM-DD)', style: 'short' as const, required: true, minLength: 10, maxLength: 10, placeholder: 'e.g. 2026-04-14', ...(prefill ? { value: prefill.date } : {}) },
  { type: 'text' as const, id: 'time', label: timeLabel(zone), style: 'short' as const, required: true, minLength: 4, maxLength: 5, placeholder: 'e.g. 18:30', ...(prefill ? { value: prefill.time } : {}) },
  { type: 'text' as const, id: 'durationMinutes', label: 'Length in minutes (15 to 240)', style: 'short' as const, required: true, maxLength: 3, value: String(prefill?.durationMinutes ?? 60) },
];

/** A running pair's reasons not to plan a session now, as `proposeSession` gives them. */
function refusal(pair: PairContext) {
  if (pair.mentorship.status === 'PAUSED') return fail('wrong-state', 'This mentorship is paused: resume it before planning sessions.');
  if (pair.mentorship.status !== 'ACCEPTED') return fail('wrong-state', 'This mentorship is not running, so it has no new sessions.');
  if (!pair.other || pair.other.erasedAt) return fail('wrong-state', 'The other member is no longer in the program.');
  return null;
}

/** The form that proposes a session: date and time on the proposer's clock, length, kind and topic. */
export async function openScheduleForm(deps: Pick<CoreDeps, 'db' | 'clock'>, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'session.propose');
  if (!auth.ok) return auth;
  const loaded = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!loaded.ok) return loaded;
  const refused = refusal(loaded.value);
  if (refused) return refused;
  const zone = zoneOf(loaded.value.me, loaded.value.community);
  const tomorrow = addDaysTo(localToday(deps.clock.now(), zone), 1);
  return ok(modal({
    customId: interactionId('session', 'propose', input.mentorshipId),
    title: 'Propose a session',
    submitLabel: 'Propose',
    inputs: [
      ...whenInputs(zone).map((field) => (field.id === 'date' ? { ...field, placeholder: `e.g. ${tomorrow}` } : field)),
      {
        type: 'select', id: 'kind', label: 'Kind of session', required: true, minValues: 1, maxValues: 1, initialValues: ['VIDEO_CALL'],
        options: sessionKinds.map((kind) => ({ value: kind, label: sessionKindLabels[kind] })),
      },
      { type: 'text', id: 'agenda', label: 'Topic (optional)', style: 'paragraph', required: false, maxLength: 2000, placeholder: 'What you want to cover, and where you meet' },
    ],
  }));
}

/** Reads one session of the actor's pair, without locking: forms only show what is there. */
async function sessionOfPair(deps: Pick<CoreDeps, 'db'>, actor: KnownMemberActor, sessionId: number): Promise<Outcome<{ session: SessionRecord; pair: PairContext }>> {
  const session = await findSession(deps.db, actor.communityId, sessionId);
  if (!session) return notFound();
  const pair = await loadPair(deps.db, actor, session.mentorshipId);
  if (!pair.ok) return notFound();
  return ok({ session, pair: pair.value });
}

async function authorizedSession(deps: Pick<CoreDeps, 'db'>, actor: Actor, useCase: UseCaseName, sessionId: number) {
  const auth = authorizeMember(actor, useCase);
  if (!auth.ok) return auth;
  return sessionOfPair(deps, auth.value, sessionId);
}

const stillAhead = (session: SessionRecord) => session.status === 'PROPOSED' || session.status === 'CONFIRMED';

/**
 * Another time for a session (a counter-proposal, or moving a confirmed one),
 * prefilled with its current time on the member's clock. Moving a confirmed
 * session asks why, since the other side reads it.
 */
export async function openCounterForm(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { sessionId: number }): Promise<Outcome<ModalSpec>> {
  const found = await authorizedSession(deps, actor, 'session.reschedule', input.sessionId);
  if (!found.ok) return found;
  const { session, pair } = found.value;
  if (!stillAhead(session)) return fail('wrong-state', 'This session was cancelled or has taken place; propose a new one instead.');
  const refused = refusal(pair);
  if (refused) return refused;
  const zone = zoneOf(pair.me, pair.community);
  const wall = wallTimeAt(session.startsAt, zone);
  const [date, time] = formatWallTime(wall).split('T') as [string, string];
  const confirmed = session.status === 'CONFIRMED';
  return ok(modal({
    customId: interactionId('session', 'save-time', session.id),
    title: confirmed ? 'Move the session' : 'Propose another time',
    submitLabel: 'Propose',
    inputs: [
      ...whenInputs(zone, { date, time, durationMinutes: session.durationMinutes }),
      {
        type: 'text', id: 'reason', label: confirmed ? 'Why it moves' : 'A note for the other side (optional)', style: 'paragraph', required: confirmed,
        ...(confirmed ? { minLength: 3 } : {}), maxLength: 500, placeholder: confirmed ? 'e.g. A work trip came up that week' : 'e.g. Evenings suit me better',
      },
    ],
  }));
}

/** Cancelling a session, or declining a proposal made to the member: the reason goes to the other side. */
export async function openCancelForm(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { sessionId: number }): Promise<Outcome<ModalSpec>> {
  const found = await authorizedSession(deps, actor, 'session.cancel', input.sessionId);
  if (!found.ok) return found;
  const { session, pair } = found.value;
  if (session.status === 'CANCELLED') return fail('already-done', 'This session is already cancelled.');
  if (!stillAhead(session)) return fail('wrong-state', 'This session has taken place; it cannot be cancelled.');
  const declining = session.status === 'PROPOSED' && session.proposedBy !== pair.me.id;
  return ok(modal({
    customId: interactionId('session', 'save-cancel', session.id),
    title: declining ? 'Decline the session' : 'Cancel the session',
    submitLabel: declining ? 'Decline' : 'Cancel the session',
    inputs: [{ type: 'text', id: 'reason', label: 'Why (the other side reads it)', style: 'paragraph', required: true, minLength: 3, maxLength: 500, placeholder: 'e.g. I am ill this week' }],
  }));
}

/** The pair's shared notes on a session, prefilled with what is there; only the pair ever reads them. */
export async function openNotesForm(deps: Pick<CoreDeps, 'db'> & { readonly cipher: FieldCipher }, actor: Actor, input: { sessionId: number }): Promise<Outcome<ModalSpec>> {
  const found = await authorizedSession(deps, actor, 'session.notes', input.sessionId);
  if (!found.ok) return found;
  const { session } = found.value;
  if (session.status === 'PROPOSED' || session.status === 'CANCELLED') return fail('wrong-state', 'Notes belong to a confirmed session, or one that took place.');
  const notes = session.notesSealed === null ? null : deps.cipher.open(session.notesSealed, notesContext(session.id));
  return ok(modal({
    customId: interactionId('session', 'save-notes', session.id),
    title: 'Session notes',
    submitLabel: 'Save',
    inputs: [{ type: 'text', id: 'notes', label: 'Notes (only the two of you read them)', style: 'paragraph', required: true, maxLength: 4000, ...(notes ? { value: notes } : {}) }],
  }));
}
