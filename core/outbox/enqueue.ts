import type { Kysely } from 'kysely';
import type { Message } from '../reply.js';
import type { Database } from '../store/database.js';

/**
 * The side effects the core queues, by kind. Adapters implement each kind for
 * their platform; the payloads are the contract between the core and them, so
 * they hold ids the adapter resolves (members to platform users, mentorships to
 * their space) rather than platform objects. Dates inside messages (time
 * segments) arrive as ISO strings.
 */

/** 'dm': a direct message to one member. */
export interface DirectMessagePayload {
  readonly recipientMemberId: number;
  readonly message: Message;
  /** Delivered even inside the recipient's quiet hours: waiting would make it useless (the 1-hour session reminder). */
  readonly urgent?: true;
  /**
   * Bound to a moment (a reminder before a session or a due date): it waits
   * out quiet hours but never for the recipient's daily or weekly digest,
   * which could hold it past the moment it is about.
   */
  readonly timely?: true;
  /**
   * The mentorship a timely message is about. When the recipient's DMs are
   * closed, Discord falls back to posting a timely message in their pair
   * thread: with this set, only in this mentorship's thread while it runs,
   * never in another pair's (an ended one has no thread to fall back to).
   */
  readonly mentorshipId?: number;
}

/**
 * 'space.create': a relation started; open the pair's private space and post
 * the agreement in it.
 * - Discord: a private thread (type 12) in `parentChannelId` (the community's
 *   mentorship channel), with both members added.
 * - Slack: a private channel with both members invited (or a group DM when
 *   channels cannot be created); `parentChannelId` is unused.
 *
 * Once created, the adapter stores the space's platform id with
 * `attachSpace(db, mentorshipId, spaceId)` (core/mentorships/mentorship-space.ts),
 * then posts `agreement`. Creating again for a mentorship that already has a
 * space must post into the existing one instead (the attach may have been the
 * step that failed).
 */
export interface SpaceCreatePayload {
  readonly mentorshipId: number;
  readonly mentorMemberId: number;
  readonly menteeMemberId: number;
  /** A name for the space, already shortened to fit both platforms (lowercase, dashes, at most 80 characters). */
  readonly name: string;
  /** Where Discord threads are created; null when the community has not chosen a channel yet. */
  readonly parentChannelId: string | null;
  /** Who mentors whom, what for, until when, and a "Schedule your first session" button. */
  readonly agreement: Message;
}

/**
 * 'space.post': a message into the pair's space (visibility 'pair'). The
 * adapter finds the space with `findMentorshipSpace(db, mentorshipId)`; while
 * the space does not exist yet (its 'space.create' is still queued), it
 * answers 'retry'.
 */
export interface SpacePostPayload {
  readonly mentorshipId: number;
  readonly message: Message;
}

/**
 * 'space.archive': the relation ended; archive and lock the space so the
 * history stays readable but nobody can post. Queued after the closing
 * 'space.post'. Like 'space.post', it waits ('retry') for a space not created yet.
 */
export interface SpaceArchivePayload {
  readonly mentorshipId: number;
}

/** 'space.reopen': an admin reactivated the relation; unarchive and unlock its space. */
export interface SpaceReopenPayload {
  readonly mentorshipId: number;
}

/**
 * 'community.leave': an owner uninstalled the program, so the bot leaves the
 * server, and adding it again is how the program comes back (Discord only:
 * a Slack app cannot remove itself, and the Slack adapter refuses the kind).
 * Queued after the closing notices; it waits until the community has nothing
 * else to deliver (`communityLeaveDeferral`), since a bot can only DM people
 * it shares a server with. Done when the bot is not in the server any more,
 * and skipped when the community is ACTIVE again by then.
 */
export type CommunityLeavePayload = Readonly<Record<string, never>>;

/** Every kind with its payload. */
export interface OutboxPayloads {
  readonly dm: DirectMessagePayload;
  readonly 'space.create': SpaceCreatePayload;
  readonly 'space.post': SpacePostPayload;
  readonly 'space.archive': SpaceArchivePayload;
  readonly 'space.reopen': SpaceReopenPayload;
  readonly 'community.leave': CommunityLeavePayload;
}

export type OutboxKind = keyof OutboxPayloads;

export const outboxKinds: readonly OutboxKind[] = ['dm', 'space.create', 'space.post', 'space.archive', 'space.reopen', 'community.leave'];

/** One side effect to queue; `kind` decides the payload's shape. */
export type OutboxEntry = {
  readonly [K in OutboxKind]: {
    readonly communityId: number;
    readonly kind: K;
    readonly payload: OutboxPayloads[K];
    /** Unique per effect, e.g. `erasure:${memberId}:notice:${otherId}`: the same effect is never queued twice. */
    readonly dedupeKey: string;
    readonly dueAt?: Date;
  };
}[OutboxKind];

/**
 * Queues a side effect. Call it with the transaction that makes the change
 * causing it, so both happen or neither does. A second entry with the same
 * dedupe key is ignored, which makes retried use cases safe. Dates in the
 * payload (time segments) are stored as ISO strings.
 *
 * @returns whether a new entry was queued.
 */
export async function enqueue(db: Kysely<Database>, entry: OutboxEntry): Promise<boolean> {
  const inserted = await db
    .insertInto('outbox')
    .values({
      community_id: entry.communityId,
      kind: entry.kind,
      payload: JSON.stringify(entry.payload),
      dedupe_key: entry.dedupeKey,
      ...(entry.dueAt ? { due_at: entry.dueAt } : {}),
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
