import type { Kysely, Updateable } from 'kysely';
import { requireCommunity, type CommunityProfile } from '../communities/community.repository.js';
import { NotFoundError } from '../errors.js';
import { findMember } from '../members/member.repository.js';
import type { MemberRecord } from '../members/member.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, ok, type Failure, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import type { ActorKind, Database, DateOnly, MentorshipStatus, MentorshipsTable } from '../store/database.js';
import { checkSeats } from './capacity.js';
import { closedStatuses, openStatuses, seatTakingStatuses, type MentorshipRecord } from './mentorship.js';
import { findMentorship, findOpenBetween } from './mentorship.repository.js';
import { requestReceived, type Pair } from './mentorship-messages.js';
import { transitionEffects } from './transition-effects.js';
import { rulesForAction, ruleFor, type ActorRole, type MentorshipAction, type TransitionRule } from './transition-table.js';

/**
 * Who changes a mentorship: a member acting for themselves, a member acting
 * as an admin of the community (already authorized as one by the use case), or
 * the system. Recorded in the history as MEMBER, ADMIN or SYSTEM.
 */
export type TransitionActor = { readonly kind: 'member'; readonly memberId: number } | { readonly kind: 'admin'; readonly memberId: number } | { readonly kind: 'system' };

/** A DM a departure (erasure, suspension, leaving) sends instead of the transition's own notices. */
export interface DepartureNotice {
  readonly to: number;
  readonly message: Message;
  readonly dedupeKey: string;
}

export interface TransitionInput {
  /** Read with {@link lockMentorship} (or at least FOR UPDATE) in the same transaction. */
  readonly mentorship: MentorshipRecord;
  readonly action: MentorshipAction;
  readonly actor: TransitionActor;
  readonly reason?: string | null;
  readonly now: Date;
  readonly extra?: {
    /** pause: the day the relation resumes by itself. */
    readonly pausedUntil?: DateOnly;
    /** extend: the agreed end date; reactivate: a new end date (required when the old one has passed). */
    readonly endDate?: DateOnly;
    readonly notice?: DepartureNotice;
  };
}

export interface TransitionDone {
  readonly mentorship: MentorshipRecord;
  readonly from: MentorshipStatus;
  readonly to: MentorshipStatus;
  readonly eventId: number;
}

/** The actor's roles towards one mentorship: SENDER and RECEIVER are each also a PARTY. */
export function rolesOf(mentorship: MentorshipRecord, actor: TransitionActor): ActorRole[] {
  if (actor.kind === 'system') return ['SYSTEM'];
  if (actor.kind === 'admin') return ['ADMIN'];
  const roles: ActorRole[] = [];
  if (actor.memberId === mentorship.senderId) roles.push('SENDER');
  if (actor.memberId === mentorship.receiverId) roles.push('RECEIVER');
  if (actor.memberId === mentorship.mentorId || actor.memberId === mentorship.menteeId) roles.push('PARTY');
  return roles;
}

/**
 * What the table says about an action now, without doing it: the rule to
 * apply, or the answer to give. A repeated action (accepting what is already
 * accepted) is `already-done`; an action that no longer fits the status is
 * `wrong-state`; an action that is not the actor's to take is `forbidden`.
 */
export function checkTransition(mentorship: MentorshipRecord, action: MentorshipAction, actor: TransitionActor, approvalRequired: boolean): Outcome<TransitionRule> {
  const roles = rolesOf(mentorship, actor);
  const mayAct = (rule: TransitionRule) => rule.by.some((role) => roles.includes(role));
  const rule = ruleFor(mentorship.status, action, approvalRequired);
  if (rule) return mayAct(rule) ? ok(rule) : fail('forbidden', forbiddenMessage(rule));
  const rules = rulesForAction(action);
  if (rules.some((other) => other.to === mentorship.status && mayAct(other))) return fail('already-done', alreadyDoneMessage(action, mentorship.status));
  if (rules.some(mayAct)) return fail('wrong-state', `${stateMessage[mentorship.status]} It cannot be ${actionPastTense[action]} now.`);
  return fail('forbidden', forbiddenMessage(rules[0]!));
}

/**
 * Reads a mentorship for a transition: both members' rows first, locked in id
 * order, then the mentorship itself. Everything that counts seats or checks
 * members (accepting, approving, reactivating, sending) takes the member locks
 * in this order, so two accepts racing for a mentor's last seat run one after
 * the other and the second counts the first; erasure and suspension also lock
 * the member before its mentorships, so the orders never cross.
 */
export async function lockMentorship(db: Kysely<Database>, communityId: number, id: number): Promise<MentorshipRecord | null> {
  const peek = await findMentorship(db, communityId, id);
  if (!peek) return null;
  await lockMembers(db, [peek.mentorId, peek.menteeId]);
  return findMentorship(db, communityId, id, { lock: true });
}

/** Locks member rows in id order (the one order every transaction uses). */
export async function lockMembers(db: Kysely<Database>, ids: readonly (number | null)[]): Promise<void> {
  const sorted = [...new Set(ids.filter((id): id is number => id !== null))].sort((left, right) => left - right);
  for (const id of sorted) await db.selectFrom('members').select('id').where('id', '=', id).forUpdate().execute();
}

/**
 * The one function that changes a mentorship's status. In the caller's
 * transaction it checks the action against the table for this actor, checks
 * what the new status needs (members still taking part, free seats, one open
 * mentorship per pair), updates the row, records the event (from, to, who,
 * why, when) and queues the transition's outbox effects.
 */
export async function transition(db: Kysely<Database>, input: TransitionInput): Promise<Outcome<TransitionDone>> {
  const { mentorship, action, actor, now } = input;
  const community = await requireCommunity(db, mentorship.communityId);
  const checked = checkTransition(mentorship, action, actor, community.settings.requestsNeedAdminApproval);
  if (!checked.ok) return checked;
  const rule = checked.value;
  const reason = input.reason?.trim() || null;
  if (rule.needs === 'reason' && !reason) return fail('invalid-input', 'Say why, in a few words.', [{ field: 'reason', message: 'Say why, in a few words.' }]);
  if (rule.needs === 'resume-date' && !input.extra?.pausedUntil) return fail('invalid-input', 'Pick the day to resume.', [{ field: 'until', message: 'Pick the day to resume.' }]);
  if (rule.needs === 'end-date' && !input.extra?.endDate) return fail('invalid-input', 'Pick the new end date.', [{ field: 'endDate', message: 'Pick the new end date.' }]);

  const pair: Pair = {
    mentor: mentorship.mentorId === null ? null : await findMember(db, mentorship.communityId, mentorship.mentorId),
    mentee: mentorship.menteeId === null ? null : await findMember(db, mentorship.communityId, mentorship.menteeId),
  };
  const entering = !isSeatTaking(rule.from) && isSeatTaking(rule.to);
  if (entering) {
    const blocked = await checkEntering(db, community, mentorship, pair, rule);
    if (blocked) return blocked;
  }

  const changes = rowChanges(rule, mentorship, input);
  await db.updateTable('mentorships').set({ ...changes, status: rule.to, updated_at: now }).where('id', '=', mentorship.id).execute();
  const event = await db
    .insertInto('mentorship_events')
    .values({ mentorship_id: mentorship.id, from_status: rule.from, to_status: rule.to, actor_kind: actorKind(actor), actor_member_id: actor.kind === 'system' ? null : actor.memberId, reason, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const updated = await findMentorship(db, mentorship.communityId, mentorship.id);
  if (!updated) throw new NotFoundError(`mentorship ${mentorship.id} vanished inside its transition`);
  const effects = transitionEffects({ community, mentorship: updated, action, from: rule.from, to: rule.to, actor, reason, eventId: event.id, pair, ...(input.extra?.notice ? { notice: input.extra.notice } : {}) });
  for (const effect of effects) await enqueue(db, effect);
  return ok({ mentorship: updated, from: rule.from, to: rule.to, eventId: event.id });
}

/**
 * Sending: the one transition without a "from". Inserts the request as
 * PENDING, records it in the history and queues the receiver's DM with
 * Accept, Reject and "Ask for more detail". The caller has checked the
 * request (send-request.ts), holding both member rows locked.
 */
export async function createRequest(
  db: Kysely<Database>,
  input: {
    community: CommunityProfile;
    sender: MemberRecord;
    receiver: MemberRecord;
    senderMentors: boolean;
    description: string;
    endDate: DateOnly;
    expiresAt: Date;
    now: Date;
  },
): Promise<MentorshipRecord> {
  const { community, sender, receiver, now } = input;
  const [mentor, mentee] = input.senderMentors ? [sender, receiver] : [receiver, sender];
  const row = await db
    .insertInto('mentorships')
    .values({
      community_id: community.id, mentor_id: mentor.id, mentee_id: mentee.id, sender_id: sender.id, receiver_id: receiver.id, status: 'PENDING',
      description: input.description, end_date: input.endDate, expires_at: input.expiresAt, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('mentorship_events').values({ mentorship_id: row.id, from_status: null, to_status: 'PENDING', actor_kind: 'MEMBER', actor_member_id: sender.id, created_at: now }).execute();
  const mentorship = await findMentorship(db, community.id, row.id);
  if (!mentorship) throw new NotFoundError(`request ${row.id} vanished after insert`);
  await enqueue(db, {
    communityId: community.id,
    kind: 'dm',
    payload: { recipientMemberId: receiver.id, message: requestReceived(mentorship, { mentor, mentee }, sender, community.timezone) },
    dedupeKey: `mentorship:${row.id}:sent:dm:${receiver.id}`,
  });
  return mentorship;
}

function isSeatTaking(status: MentorshipStatus): boolean {
  return (seatTakingStatuses as readonly MentorshipStatus[]).includes(status);
}

/** Before a mentorship takes seats: both members still take part, seats are free, and (coming back from the past) the pair has nothing else open. */
async function checkEntering(db: Kysely<Database>, community: CommunityProfile, mentorship: MentorshipRecord, pair: Pair, rule: TransitionRule): Promise<Failure | null> {
  const { mentor, mentee } = pair;
  if (!isTakingPart(mentor) || !isTakingPart(mentee)) return fail('wrong-state', 'One of the two members is not taking part in the program at the moment.');
  if ((closedStatuses as readonly MentorshipStatus[]).includes(rule.from)) {
    const open = await findOpenBetween(db, community.id, mentor.id, mentee.id, openStatuses);
    if (open && open.id !== mentorship.id) return fail('conflict', 'These two members already have another open request or mentorship.');
  }
  return checkSeats(db, community.settings, mentor, mentee);
}

function isTakingPart(member: MemberRecord | null): member is MemberRecord {
  return member !== null && member.status === 'ACTIVE' && member.erasedAt === null;
}

function rowChanges(rule: TransitionRule, mentorship: MentorshipRecord, input: TransitionInput): Updateable<MentorshipsTable> {
  const clearExtension = { extension_end_date: null, extension_proposed_by: null };
  if ((closedStatuses as readonly MentorshipStatus[]).includes(rule.to)) {
    return { ended_at: input.now, expires_at: null, paused_until: null, ...clearExtension };
  }
  switch (rule.action) {
    case 'accept':
    case 'approve':
      return rule.to === 'ACCEPTED' ? { accepted_at: input.now, expires_at: null } : { expires_at: null };
    case 'pause':
      return { paused_until: input.extra?.pausedUntil ?? null };
    case 'resume':
      return { paused_until: null };
    case 'extend':
      return { end_date: input.extra?.endDate ?? mentorship.endDate, ...clearExtension };
    case 'reactivate':
      return { ended_at: null, paused_until: null, end_date: input.extra?.endDate ?? mentorship.endDate, ...clearExtension };
    default:
      return {};
  }
}

function actorKind(actor: TransitionActor): ActorKind {
  return actor.kind === 'system' ? 'SYSTEM' : actor.kind === 'admin' ? 'ADMIN' : 'MEMBER';
}

const roleNames: Record<ActorRole, string> = {
  SENDER: 'the member who sent this request',
  RECEIVER: 'the member who received this request',
  PARTY: 'the mentor or the mentee',
  ADMIN: 'an admin',
  SYSTEM: 'the bot',
};

const actionVerbs: Record<MentorshipAction, string> = {
  accept: 'accept', reject: 'reject', withdraw: 'withdraw', retract: 'withdraw', cancel: 'end', complete: 'complete', expire: 'expire',
  pause: 'pause', resume: 'resume', extend: 'extend', approve: 'approve', decline: 'decline', reactivate: 'reactivate',
};

const actionPastTense: Record<MentorshipAction, string> = {
  accept: 'accepted', reject: 'rejected', withdraw: 'withdrawn', retract: 'withdrawn', cancel: 'ended', complete: 'completed', expire: 'expired',
  pause: 'paused', resume: 'resumed', extend: 'extended', approve: 'approved', decline: 'declined', reactivate: 'reactivated',
};

const stateMessage: Record<MentorshipStatus, string> = {
  PENDING: 'This request is still waiting for an answer.',
  AWAITING_APPROVAL: 'This request is waiting for an admin to approve it.',
  ACCEPTED: 'This mentorship is under way.',
  PAUSED: 'This mentorship is paused.',
  REJECTED: 'This request was declined.',
  WITHDRAWN: 'This request was withdrawn.',
  EXPIRED: 'This request expired without an answer.',
  CANCELLED: 'This mentorship was ended early.',
  COMPLETED: 'This mentorship is completed.',
};

function forbiddenMessage(rule: TransitionRule): string {
  const names = rule.by.filter((role) => role !== 'SYSTEM').map((role) => roleNames[role]);
  if (names.length === 0) return `The bot does this by itself; nobody can ${actionVerbs[rule.action]} it by hand.`;
  return `Only ${names.join(' or ')} can ${actionVerbs[rule.action]} this.`;
}

function alreadyDoneMessage(action: MentorshipAction, status: MentorshipStatus): string {
  if (action === 'accept' && status === 'AWAITING_APPROVAL') return 'You already accepted this request; an admin still has to approve it.';
  const subject = status === 'PENDING' || status === 'AWAITING_APPROVAL' || status === 'REJECTED' || status === 'WITHDRAWN' || status === 'EXPIRED' ? 'request' : 'mentorship';
  if (action === 'resume' || action === 'reactivate') return 'This mentorship is already running.';
  return `This ${subject} was already ${actionPastTense[action]}.`;
}
