import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';
import { feedbackButton } from './mentorship-messages.js';

const cancelInput = z.object({
  reason: z.string().trim().min(3, 'Say why, in a few words: the other side will read it.').max(500, 'Keep the reason under 500 characters.'),
});

/**
 * Either side ends a running (or paused) relation early, with a reason the
 * other side reads. The space gets a closing message with a feedback prompt,
 * then is archived; since the archive comes at once, the other side's notice
 * and the answer to the one who ended it carry the feedback button too.
 */
export async function cancelMentorship(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; reason: string }): Promise<Outcome<MentorshipChange>> {
  const parsed = cancelInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const ended = await actOnMentorship(deps, actor, { useCase: 'mentorship.cancel', mentorshipId: input.mentorshipId, action: 'cancel', reason: parsed.data.reason, done: 'You ended the mentorship.' });
  if (!ended.ok) return ended;
  return ok({ ...ended.value, reply: { ...ended.value.reply, actions: [feedbackButton({ id: ended.value.mentorshipId })] } });
}
