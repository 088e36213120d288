import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { actOnSession } from '../sessions/act-on-session.js';
import { feedbackNotices } from './feedback-messages.js';

export const ratingField = z.coerce.number('Give a rating from 1 to 5.').int('Give a whole number from 1 to 5.').min(1, 'Give a rating from 1 to 5.').max(5, 'Give a rating from 1 to 5.');

const sessionRatingInput = z.object({
  rating: ratingField,
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters.').nullish(),
});

/**
 * Either side rates a session that took place (seed 004: 5 stars and a
 * comment), once. The rating is about the other side, who is told and can
 * read it (feedback is visible to both parties).
 */
export async function rateSession(deps: CoreDeps, actor: Actor, input: { sessionId: number; values: z.input<typeof sessionRatingInput> }): Promise<Outcome<{ feedbackId: number; reply: Message }>> {
  const parsed = sessionRatingInput.safeParse(input.values);
  return actOnSession(deps, actor, 'feedback.rate-session', input.sessionId, async (trx, { session, me, other, community, now }) => {
    if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
    if (session.status !== 'COMPLETED') return fail('wrong-state', 'Rate a session once it has taken place and is marked as attended.');
    const existing = await trx.selectFrom('feedback').select('id').where('session_id', '=', session.id).where('author_id', '=', me.id).where('kind', '=', 'SESSION').executeTakeFirst();
    if (existing) return fail('already-done', 'You already rated this session.');
    // The session row is locked (actOnSession), so the check above settles a double click; the unique index backs it.
    const row = await trx
      .insertInto('feedback')
      .values({ mentorship_id: session.mentorshipId, session_id: session.id, author_id: me.id, subject_id: other?.id ?? null, kind: 'SESSION', rating: parsed.data.rating, comment: parsed.data.comment || null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (other && !other.erasedAt) {
      await enqueue(trx, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: other.id, message: feedbackNotices.received(me, session.mentorshipId) }, dedupeKey: `feedback:${row.id}:notice` });
    }
    return ok({ feedbackId: row.id, reply: privateMessage(['Thanks for rating the session. The other side can read your rating and comment.'], { title: 'Session rated' }) });
  });
}
