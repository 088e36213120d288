import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, type Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';

const rejectInput = z.object({ reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').nullish() });

/** The receiver declines a request, optionally saying why; the sender is told and offered other suggestions. */
export async function rejectRequest(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; reason?: string | null }): Promise<Outcome<MentorshipChange>> {
  const parsed = rejectInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return actOnMentorship(deps, actor, { useCase: 'request.reject', mentorshipId: input.mentorshipId, action: 'reject', reason: parsed.data.reason ?? null, done: 'You declined the request.' });
}
