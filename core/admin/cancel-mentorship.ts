import { z } from 'zod';
import type { KnownMemberActor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { actOnMentorship, type MentorshipChange } from '../mentorships/act-on-mentorship.js';
import { invalidInput, type Outcome } from '../outcome.js';
import { recordAudit } from './record-audit.js';

const cancelInput = z.object({
  reason: z.string().trim().min(3, 'Say why, for the other admins.').max(500, 'Keep the reason under 500 characters.'),
});

/**
 * An admin ends a running or paused relation from the admin site, outside a
 * report. The transition is the mentorship feature's own (history, closing
 * post, archived space, both sides told "an admin ended your mentorship"),
 * authorized as the staff-only `reports.cancel-mentorship`, the one policy
 * for admins ending a relation. As with a report, the event carries a neutral
 * phrase (members read their history in their export) and the admin's reason
 * goes to the audit log, which only admins read (written once the change is
 * committed, as the site does for approvals).
 */
export async function adminCancelMentorship(deps: CoreDeps, actor: KnownMemberActor, input: { mentorshipId: number; reason: string }): Promise<Outcome<MentorshipChange>> {
  const parsed = cancelInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const done = await actOnMentorship(deps, actor, {
    useCase: 'reports.cancel-mentorship', mentorshipId: input.mentorshipId, action: 'cancel', asAdmin: true, reason: 'ended by an admin', done: 'You ended the mentorship.',
  });
  if (done.ok) {
    await recordAudit(deps.db, actor, { action: 'mentorship.cancelled', targetType: 'mentorship', targetId: done.value.mentorshipId, details: { reason: parsed.data.reason } });
  }
  return done;
}
