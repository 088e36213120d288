import type { Kysely, Transaction } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor, KnownMemberActor } from '../access/actor.js';
import type { UseCaseName } from '../access/policy.js';
import type { CoreDeps } from '../deps.js';
import { fail, type Outcome } from '../outcome.js';
import type { Database } from '../store/database.js';
import { loadPair, mentorAndMentee, type PairContext } from './pair-context.js';
import type { SessionRecord } from './session.js';
import { findSession } from './session.repository.js';
import { sessionCalendarAttachment } from './session-messages.js';

const notFound = () => fail('not-found', 'That session does not exist, or is not yours.');

export interface SessionContext extends PairContext {
  readonly session: SessionRecord;
  readonly actor: KnownMemberActor;
  readonly now: Date;
}

/**
 * The shape every action on one session shares: authorize, lock the pair and
 * the mentorship as a transition does, then the session row; only the pair
 * may act (anyone else: not found). `work` runs in that transaction.
 */
export async function actOnSession<T>(
  deps: CoreDeps,
  actor: Actor,
  useCase: UseCaseName,
  sessionId: number,
  work: (trx: Transaction<Database>, context: SessionContext) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const auth = authorizeMember(actor, useCase);
  if (!auth.ok) return auth;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const peek = await findSession(trx, auth.value.communityId, sessionId);
    if (!peek) return notFound();
    const pair = await loadPair(trx, auth.value, peek.mentorshipId, { lock: true });
    if (!pair.ok) return notFound();
    const session = await findSession(trx, auth.value.communityId, sessionId, { lock: true });
    if (!session) return notFound();
    return work(trx, { ...pair.value, session, actor: auth.value, now });
  });
}

/** Reads a session again after a change, inside the same transaction. */
export async function reread(db: Kysely<Database>, context: SessionContext): Promise<SessionRecord> {
  const session = await findSession(db, context.community.id, context.session.id);
  if (!session) throw new Error(`session ${context.session.id} vanished inside its transaction`);
  return session;
}

/** The calendar file of a session as it now stands, for the pair. */
export function calendarAttachmentFor(session: SessionRecord, context: SessionContext) {
  return sessionCalendarAttachment(session, { community: context.community, ...mentorAndMentee(context), now: context.now });
}

/** Session end has passed: attendance can be recorded. */
export function hasEnded(session: SessionRecord, now: Date): boolean {
  return session.startsAt.getTime() + session.durationMinutes * 60_000 <= now.getTime();
}
