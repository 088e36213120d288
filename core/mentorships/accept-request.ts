import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import type { Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';

/**
 * The receiver accepts a request. The relation starts (its private space is
 * set up through the outbox), or, when the community approves mentorships,
 * waits for an admin. Refused when the mentor has no free seat or the mentee
 * is at the community's limit, even when another accept races for the same seat.
 */
export function acceptRequest(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<MentorshipChange>> {
  return actOnMentorship(deps, actor, { useCase: 'request.accept', mentorshipId: input.mentorshipId, action: 'accept', done: 'You accepted the request.' });
}
