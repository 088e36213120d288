import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message, type MessageField } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import { listMentorshipFeedback, type FeedbackRecord } from './feedback.repository.js';

/**
 * A mentorship's feedback for its pair (seed 004: visible to both): what each
 * side gave and received. Nobody else reads it here; admins see aggregates,
 * and the text for moderation on the admin site.
 */
export async function viewMentorshipFeedback(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<{ given: FeedbackRecord[]; received: FeedbackRecord[]; reply: Message }>> {
  const auth = authorizeMember(actor, 'feedback.view');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const all = await listMentorshipFeedback(deps.db, input.mentorshipId);
  const given = all.filter((row) => row.authorId === auth.value.memberId);
  const received = all.filter((row) => row.authorId !== auth.value.memberId);
  const field = (row: FeedbackRecord, from: string): MessageField => ({
    name: `${from} · ${row.kind === 'FINAL' ? 'final review' : 'session'} · ${'★'.repeat(row.rating)}${'☆'.repeat(5 - row.rating)}`,
    value: [[row.comment, row.wentWell, row.testimonial].filter(Boolean).join('\n') || 'No comment.'],
  });
  const reply = privateMessage([`${received.length} received, ${given.length} given.`], {
    title: 'Feedback',
    fields: [...received.map((row) => field(row, 'To you')), ...given.map((row) => field(row, 'From you'))].slice(0, 25),
  });
  return ok({ given, received, reply });
}
