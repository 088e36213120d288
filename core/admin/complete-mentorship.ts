import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { actOnMentorship, type MentorshipChange } from '../mentorships/act-on-mentorship.js';
import { invalidInput, type Outcome } from '../outcome.js';
import { recordAudit } from './record-audit.js';

const completeInput = z.object({
  note: z.string().trim().max(500, 'Keep the note under 500 characters.').optional(),
});

/**
 * An admin marks a running or paused relation as completed before its end
 * date (the pair is done, or a paused pair will not resume). The transition
 * is the one the daily job uses (closing post with the feedback button,
 * archived space), and both sides are told an admin completed it. The event
 * carries a neutral phrase; the admin's optional note goes to the audit log,
 * written once the change is committed, as for an admin's cancellation.
 */
export async function adminCompleteMentorship(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; note?: string | null }): Promise<Outcome<MentorshipChange>> {
  const auth = authorizeMember(actor, 'mentorship.complete');
  if (!auth.ok) return auth;
  const parsed = completeInput.safeParse({ note: input.note ?? undefined });
  if (!parsed.success) return invalidInput(parsed.error);
  const note = parsed.data.note || null;
  const done = await actOnMentorship(deps, auth.value, {
    useCase: 'mentorship.complete', mentorshipId: input.mentorshipId, action: 'complete', asAdmin: true, reason: 'completed by an admin', done: 'The mentorship is completed.',
  });
  if (done.ok) {
    await recordAudit(deps.db, auth.value, { action: 'mentorship.completed', targetType: 'mentorship', targetId: done.value.mentorshipId, details: note ? { note } : {} });
  }
  return done;
}
