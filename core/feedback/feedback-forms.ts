import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { modal, type ModalSpec, type SelectInputSpec } from '../reply.js';
import { hasEnded } from '../sessions/act-on-session.js';
import { loadPair } from '../sessions/pair-context.js';
import { findSession } from '../sessions/session.repository.js';

/**
 * The feedback forms: rating one session, and each side's final review of an
 * ended mentorship. Opening one checks what submitting it would (taken place,
 * ended, not given yet), so nobody writes a review the bot then refuses.
 */

const ratingInput: SelectInputSpec = {
  type: 'select', id: 'rating', label: 'Rating', required: true, minValues: 1, maxValues: 1,
  options: [
    { value: '5', label: '★★★★★ Excellent' },
    { value: '4', label: '★★★★ Good' },
    { value: '3', label: '★★★ All right' },
    { value: '2', label: '★★ Not great' },
    { value: '1', label: '★ Poor' },
  ],
};

/**
 * Rating a session that took place. A confirmed session whose time is over
 * has no attendance yet: the form asks whether it took place, and the answer
 * records it (`recordAttendance`) before the rating.
 */
export async function openSessionRatingForm(deps: Pick<CoreDeps, 'db' | 'clock'>, actor: Actor, input: { sessionId: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'feedback.rate-session');
  if (!auth.ok) return auth;
  const notFound = () => fail('not-found', 'That session does not exist, or is not yours.');
  const session = await findSession(deps.db, auth.value.communityId, input.sessionId);
  if (!session) return notFound();
  const pair = await loadPair(deps.db, auth.value, session.mentorshipId);
  if (!pair.ok) return notFound();
  const attendanceOpen = session.status === 'CONFIRMED' && hasEnded(session, deps.clock.now());
  if (session.status !== 'COMPLETED' && !attendanceOpen) return fail('wrong-state', 'Rate a session once it has taken place.');
  const rated = await deps.db.selectFrom('feedback').select('id').where('session_id', '=', session.id).where('author_id', '=', auth.value.memberId).where('kind', '=', 'SESSION').executeTakeFirst();
  if (rated) return fail('already-done', 'You already rated this session.');
  return ok(modal({
    customId: interactionId('feedback', 'rate', session.id),
    title: 'Rate the session',
    submitLabel: 'Send',
    inputs: [
      ...(attendanceOpen
        ? [{
            type: 'select' as const, id: 'tookPlace', label: 'Did the session take place?', required: true, minValues: 1, maxValues: 1, initialValues: ['yes'],
            options: [{ value: 'yes', label: 'Yes, we met' }, { value: 'no', label: 'No, it did not happen' }],
          }]
        : []),
      ratingInput,
      { type: 'text', id: 'comment', label: 'Comment (the other side reads it)', style: 'paragraph', required: false, maxLength: 2000 },
    ],
  }));
}

/** A member's final review of a completed or cancelled mentorship, once. */
export async function openFinalReviewForm(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'feedback.final-review');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const { mentorship } = pair.value;
  if (mentorship.status !== 'COMPLETED' && mentorship.status !== 'CANCELLED') return fail('wrong-state', 'The final review comes once the mentorship has ended.');
  const reviewed = await deps.db.selectFrom('feedback').select('id').where('mentorship_id', '=', mentorship.id).where('author_id', '=', auth.value.memberId).where('kind', '=', 'FINAL').executeTakeFirst();
  if (reviewed) return fail('already-done', 'You already reviewed this mentorship.');
  return ok(modal({
    customId: interactionId('feedback', 'review', mentorship.id),
    title: 'Review your mentorship',
    submitLabel: 'Send',
    inputs: [
      { ...ratingInput, label: 'Overall rating' },
      { type: 'text', id: 'wentWell', label: 'What went well (optional)', style: 'paragraph', required: false, maxLength: 2000 },
      { type: 'text', id: 'testimonial', label: 'A testimonial (optional)', style: 'paragraph', required: false, maxLength: 1000 },
      {
        type: 'select', id: 'testimonialPublic', label: 'Show the testimonial publicly?', required: false, minValues: 0, maxValues: 1, initialValues: ['no'],
        options: [{ value: 'no', label: 'No, keep it private' }, { value: 'yes', label: 'Yes, on the program page' }],
      },
    ],
  }));
}
