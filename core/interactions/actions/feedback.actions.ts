import { openFinalReviewForm, openSessionRatingForm } from '../../feedback/feedback-forms.js';
import { giveFinalReview } from '../../feedback/give-final-review.js';
import { feedbackButtons, findPendingFeedback } from '../../feedback/pending-feedback.js';
import { rateSession } from '../../feedback/rate-session.js';
import { viewMentorshipFeedback } from '../../feedback/view-feedback.js';
import { interactionId } from '../../interaction-ids.js';
import { problemReply } from '../../problem-reply.js';
import type { Message } from '../../reply.js';
import { recordAttendance } from '../../sessions/record-attendance.js';
import type { InteractionContext, SharedActionHandler } from '../interaction.js';
import { answerWithForm, choiceOf, idArg, textOf } from '../toolkit-helpers.js';

/** Feedback's buttons and forms: rating a session, the final review, and reading what the pair gave each other. */

/** A thank-you that also offers the feedback the member still owes (the other choices `/mentor feedback` made for them). */
async function withWhatRemains({ deps, actor }: InteractionContext, reply: Message): Promise<Message> {
  const pending = await findPendingFeedback(deps, actor, {});
  const buttons = pending.ok ? feedbackButtons(pending.value.items) : [];
  if (buttons.length === 0) return reply;
  return { ...reply, body: [...reply.body, ' Still waiting for your feedback:'], actions: [...(reply.actions ?? []), ...buttons] };
}

/** `feedback:session:<session>`: the rating form. */
const openRating: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openSessionRatingForm(context.deps, context.actor, { sessionId: idArg(args, 'session') }));
};

/**
 * `feedback:rate:<session>`: the rating. When the form asked whether the
 * session took place, the answer is recorded first: "no" marks it missed
 * (nothing to rate), "yes" marks it attended, then the rating is saved.
 */
const rate: SharedActionHandler = async (context, { args, values }) => {
  const { deps, actor, respond } = context;
  const sessionId = idArg(args, 'session');
  await respond.defer();
  const tookPlace = choiceOf(values, 'tookPlace');
  if (tookPlace !== undefined) {
    const marked = await recordAttendance(deps, actor, { sessionId, attended: tookPlace === 'yes' });
    if (!marked.ok && marked.problem.code !== 'already-done') return respond.send(problemReply(marked.problem));
    if (tookPlace !== 'yes') return respond.send(marked.ok ? marked.value.reply : problemReply(marked.problem));
  }
  const rated = await rateSession(deps, actor, { sessionId, values: { rating: choiceOf(values, 'rating') ?? '', comment: textOf(values, 'comment') } });
  if (rated.ok) return respond.send(await withWhatRemains(context, rated.value.reply));
  const form = rated.problem.fields ? await openSessionRatingForm(deps, actor, { sessionId }) : null;
  await respond.problem(rated.problem, form?.ok ? form.value : undefined, interactionId('feedback', 'session', sessionId));
};

/** `feedback:final:<mentorship>`: the final review form. */
const openReview: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openFinalReviewForm(context.deps, context.actor, { mentorshipId: idArg(args, 'mentorship') }));
};

/** `feedback:review:<mentorship>`: the final review; the testimonial is public only when its author said yes. */
const review: SharedActionHandler = async (context, { args, values }) => {
  const { deps, actor, respond } = context;
  const mentorshipId = idArg(args, 'mentorship');
  await respond.defer();
  const reviewed = await giveFinalReview(deps, actor, {
    mentorshipId,
    values: {
      rating: choiceOf(values, 'rating') ?? '', wentWell: textOf(values, 'wentWell'), testimonial: textOf(values, 'testimonial'),
      testimonialPublic: choiceOf(values, 'testimonialPublic') === 'yes',
    },
  });
  if (reviewed.ok) return respond.send(await withWhatRemains(context, reviewed.value.reply));
  const form = reviewed.problem.fields ? await openFinalReviewForm(deps, actor, { mentorshipId }) : null;
  await respond.problem(reviewed.problem, form?.ok ? form.value : undefined, interactionId('feedback', 'final', mentorshipId));
};

/** `feedback:view:<mentorship>`: what each side gave and received. */
const view: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const mentorshipId = idArg(args, 'mentorship');
  await respond.defer();
  const viewed = await viewMentorshipFeedback(deps, actor, { mentorshipId });
  await respond.send(viewed.ok ? viewed.value.reply : problemReply(viewed.problem));
};

export const feedbackActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ['feedback:session', openRating],
  ['feedback:rate', rate],
  ['feedback:final', openReview],
  ['feedback:review', review],
  ['feedback:view', view],
];
