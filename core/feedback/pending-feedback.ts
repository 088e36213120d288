import { sql } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { formatWallTime, wallTimeAt } from '../jobs/zoned-time.js';
import { findMember } from '../members/member.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type ButtonAction, type Message } from '../reply.js';
import { requireCommunity } from '../communities/community.repository.js';
import { zoneOf } from '../sessions/pair-context.js';

/** Feedback a member has yet to give: a final review of an ended mentorship, or the rating of a session that took place. */
export type PendingFeedbackItem =
  | { readonly kind: 'final'; readonly mentorshipId: number; readonly label: string; readonly at: Date }
  | { readonly kind: 'session'; readonly sessionId: number; readonly label: string; readonly at: Date };

export interface PendingFeedback {
  /** Most likely meant first: the most recent thing that happened. */
  readonly items: readonly PendingFeedbackItem[];
  /** The mentorship the search was narrowed to (by the option or the pair space), if any. */
  readonly mentorshipId: number | null;
  /** What to say when nothing is pending. */
  readonly nothingPending: Message;
}

/** Per kind, the most items looked at: enough for any real member, cheap before a form opens. */
const lookAt = 10;

const nameOf = (name: string | null, erasedAt: Date | null) => (erasedAt === null && name ? name : 'a former member');

/**
 * What `/mentor feedback` offers: the final reviews of the member's completed
 * or cancelled mentorships they have not given, and the ratings of sessions
 * that took place (attended, or confirmed and over) they have not rated,
 * newest first. Narrowed to one mentorship when one is named or the command
 * was used in its pair space. Two quick reads: it runs before a form opens.
 */
export async function findPendingFeedback(deps: Pick<CoreDeps, 'db' | 'clock'>, actor: Actor, input: { mentorshipId?: number | undefined; placeId?: string | undefined }): Promise<Outcome<PendingFeedback>> {
  const auth = authorizeMember(actor, 'feedback.view');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();
  const own = deps.db
    .selectFrom('mentorships as m')
    .leftJoin('members as other', (join) => join.on((eb) => eb('other.id', '=', eb.case().when('m.mentor_id', '=', memberId).then(eb.ref('m.mentee_id')).else(eb.ref('m.mentor_id')).end())))
    .where('m.community_id', '=', communityId)
    .where((eb) => eb.or([eb('m.mentor_id', '=', memberId), eb('m.mentee_id', '=', memberId)]));

  let mentorshipId: number | null = null;
  if (input.mentorshipId !== undefined) {
    const named = await own.select('m.id').where('m.id', '=', input.mentorshipId).executeTakeFirst();
    if (!named) return fail('not-found', 'That mentorship does not exist, or is not yours.');
    mentorshipId = named.id;
  } else if (input.placeId) {
    mentorshipId = (await own.select('m.id').where('m.space_id', '=', input.placeId).executeTakeFirst())?.id ?? null;
  }

  const reviews = await own
    .select(['m.id', 'm.ended_at', 'm.updated_at', 'other.display_name', 'other.erased_at'])
    .where('m.status', 'in', ['COMPLETED', 'CANCELLED'])
    .$if(mentorshipId !== null, (query) => query.where('m.id', '=', mentorshipId!))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('feedback as f').select('f.id').whereRef('f.mentorship_id', '=', 'm.id').where('f.author_id', '=', memberId).where('f.kind', '=', 'FINAL'))))
    .orderBy(sql`coalesce(m.ended_at, m.updated_at)`, 'desc')
    .limit(lookAt)
    .execute();
  const sessions = await own
    .innerJoin('mentoring_sessions as s', 's.mentorship_id', 'm.id')
    .select(['s.id', 's.starts_at', 's.duration_minutes', 'other.display_name', 'other.erased_at'])
    .$if(mentorshipId !== null, (query) => query.where('m.id', '=', mentorshipId!))
    .where((eb) => eb.or([
      eb('s.status', '=', 'COMPLETED'),
      eb.and([eb('s.status', '=', 'CONFIRMED'), eb(sql<Date>`s.starts_at + s.duration_minutes * interval '1 minute'`, '<=', now)]),
    ]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('feedback as f').select('f.id').whereRef('f.session_id', '=', 's.id').where('f.author_id', '=', memberId).where('f.kind', '=', 'SESSION'))))
    .orderBy('s.starts_at', 'desc')
    .limit(lookAt)
    .execute();

  const me = sessions.length > 0 ? await findMember(deps.db, communityId, memberId) : null;
  const community = me ? await requireCommunity(deps.db, communityId) : null;
  const day = (at: Date) => (me && community ? formatWallTime(wallTimeAt(at, zoneOf(me, community))).slice(0, 10) : at.toISOString().slice(0, 10));
  const items: PendingFeedbackItem[] = [
    ...reviews.map((row): PendingFeedbackItem => ({
      kind: 'final', mentorshipId: row.id, at: row.ended_at ?? row.updated_at, label: truncate(`Review your mentorship with ${nameOf(row.display_name, row.erased_at)}`, 80),
    })),
    ...sessions.map((row): PendingFeedbackItem => ({
      kind: 'session', sessionId: row.id, at: new Date(row.starts_at.getTime() + row.duration_minutes * 60_000),
      label: truncate(`Rate the session of ${day(row.starts_at)} with ${nameOf(row.display_name, row.erased_at)}`, 80),
    })),
  ].sort((left, right) => right.at.getTime() - left.at.getTime());

  const nothingPending = privateMessage(
    ['Nothing is waiting for your feedback. You can rate a session once it has taken place, and review a mentorship once it has ended.'],
    mentorshipId === null ? {} : { actions: [{ type: 'button', customId: interactionId('feedback', 'view', mentorshipId), label: 'Read the feedback so far', style: 'secondary' }] },
  );
  return ok({ items, mentorshipId, nothingPending });
}

/** Buttons for feedback still to give (at most four, after what a reply already offers): how the other choices are offered. */
export function feedbackButtons(items: readonly PendingFeedbackItem[]): ButtonAction[] {
  return items.slice(0, 4).map((item) => ({
    type: 'button',
    customId: item.kind === 'final' ? interactionId('feedback', 'final', item.mentorshipId) : interactionId('feedback', 'session', item.sessionId),
    label: item.label,
    style: 'secondary',
  }));
}
