import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import type { Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';

/** An admin approves an accepted request in a community that approves mentorships: the relation starts. */
export function approveRequest(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<MentorshipChange>> {
  return actOnMentorship(deps, actor, { useCase: 'request.approve', mentorshipId: input.mentorshipId, action: 'approve', asAdmin: true, done: 'You approved the mentorship.' });
}
