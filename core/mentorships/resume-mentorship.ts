import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import type { Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';

/** Either side resumes a paused relation before its resume date. */
export function resumeMentorship(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<MentorshipChange>> {
  return actOnMentorship(deps, actor, { useCase: 'mentorship.resume', mentorshipId: input.mentorshipId, action: 'resume', done: 'The mentorship is running again.' });
}
