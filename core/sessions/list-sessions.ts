import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message, type MessageField } from '../reply.js';
import { loadPair } from './pair-context.js';
import { sessionKindLabels, type SessionRecord } from './session.js';
import { listMentorshipSessions } from './session.repository.js';

export interface SessionSummary {
  readonly sessionId: number;
  readonly status: SessionRecord['status'];
  readonly kind: SessionRecord['kind'];
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly proposedByMe: boolean;
}

/** A mentorship's sessions for either side: upcoming ones first (soonest first), then past ones (latest first). */
export async function listSessions(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<{ upcoming: SessionSummary[]; past: SessionSummary[]; reply: Message }>> {
  const auth = authorizeMember(actor, 'session.view');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const now = deps.clock.now();
  const sessions = await listMentorshipSessions(deps.db, input.mentorshipId);
  const summary = (session: SessionRecord): SessionSummary => ({
    sessionId: session.id, status: session.status, kind: session.kind, startsAt: session.startsAt, durationMinutes: session.durationMinutes,
    proposedByMe: session.proposedBy === auth.value.memberId,
  });
  const isUpcoming = (session: SessionRecord) => (session.status === 'PROPOSED' || session.status === 'CONFIRMED') && session.startsAt > now;
  const upcoming = sessions.filter(isUpcoming).map(summary);
  const past = sessions.filter((session) => !isUpcoming(session)).reverse().map(summary);
  const field = (item: SessionSummary): MessageField => ({
    name: truncate(`${sessionKindLabels[item.kind]} · ${item.status.toLowerCase()}`, 100),
    value: [{ time: item.startsAt, style: 'full' }, ` · ${item.durationMinutes} min`],
  });
  const reply = privateMessage([upcoming.length + past.length === 0 ? 'No sessions yet.' : `${upcoming.length} upcoming, ${past.length} past.`], {
    title: 'Sessions',
    fields: [...upcoming, ...past].slice(0, 25).map(field),
    actions: [{ type: 'button', customId: interactionId('session', 'schedule', input.mentorshipId), label: 'Propose a session', style: 'primary' }],
  });
  return ok({ upcoming, past, reply });
}
