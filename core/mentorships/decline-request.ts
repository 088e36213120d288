import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, type Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';

const declineInput = z.object({ reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').nullish() });

/** An admin declines an accepted request waiting for approval; both members are told, with the reason if given. */
export async function declineRequest(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; reason?: string | null }): Promise<Outcome<MentorshipChange>> {
  const parsed = declineInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return actOnMentorship(deps, actor, {
    useCase: 'request.decline', mentorshipId: input.mentorshipId, action: 'decline', asAdmin: true, reason: parsed.data.reason ?? null, done: 'You declined the mentorship.',
  });
}
