import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { feedbackNotices } from './feedback-messages.js';
import { ratingField } from './rate-session.js';

const yes = z.union([z.boolean(), z.array(z.string()).transform((values) => values.includes('yes')), z.enum(['yes', 'no']).transform((value) => value === 'yes')]);

const reviewInput = z
  .object({
    rating: ratingField,
    wentWell: z.string().trim().max(2000, 'Keep it under 2,000 characters.').nullish(),
    testimonial: z.string().trim().max(1000, 'Keep the testimonial under 1,000 characters.').nullish(),
    /** Explicit opt-in only: absent or anything but yes keeps the testimonial private. */
    testimonialPublic: yes.optional(),
  })
  .refine((review) => !review.testimonialPublic || !!review.testimonial, { message: 'Write a testimonial before allowing it to be shown publicly.', path: ['testimonialPublic'] });

/**
 * Each side's final review once the relation has ended (completed or
 * cancelled): an overall rating, what went well, and a testimonial that is
 * shown publicly only when its author explicitly allows it. Once per side.
 */
export async function giveFinalReview(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; values: z.input<typeof reviewInput> }): Promise<Outcome<{ feedbackId: number; reply: Message }>> {
  const auth = authorizeMember(actor, 'feedback.final-review');
  if (!auth.ok) return auth;
  const parsed = reviewInput.safeParse(input.values);
  if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const loaded = await loadPair(trx, auth.value, input.mentorshipId, { lock: true });
    if (!loaded.ok) return loaded;
    const { mentorship, me, other, community } = loaded.value;
    if (mentorship.status !== 'COMPLETED' && mentorship.status !== 'CANCELLED') return fail('wrong-state', 'The final review comes once the mentorship has ended.');
    const existing = await trx.selectFrom('feedback').select('id').where('mentorship_id', '=', mentorship.id).where('author_id', '=', me.id).where('kind', '=', 'FINAL').executeTakeFirst();
    if (existing) return fail('already-done', 'You already reviewed this mentorship.');
    const review = parsed.data;
    const row = await trx
      .insertInto('feedback')
      .values({
        mentorship_id: mentorship.id, author_id: me.id, subject_id: other?.id ?? null, kind: 'FINAL', rating: review.rating, went_well: review.wentWell || null,
        testimonial: review.testimonial || null, testimonial_public: !!review.testimonialPublic && !!review.testimonial, created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (other && !other.erasedAt) {
      await enqueue(trx, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: other.id, message: feedbackNotices.received(me, mentorship.id) }, dedupeKey: `feedback:${row.id}:notice` });
    }
    return ok({ feedbackId: row.id, reply: privateMessage(['Thank you for your review. The other side can read it.'], { title: 'Review sent' }) });
  });
}
