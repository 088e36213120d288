import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import type { Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';

/** The sender takes back a request nobody has answered yet (seed 003's "delete the request"). */
export function withdrawRequest(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<MentorshipChange>> {
  return actOnMentorship(deps, actor, { useCase: 'request.withdraw', mentorshipId: input.mentorshipId, action: 'withdraw', done: 'You withdrew the request.' });
}
