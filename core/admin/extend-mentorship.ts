import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { actOnMentorship, type MentorshipChange } from '../mentorships/act-on-mentorship.js';
import { localToday } from '../mentorships/calendar.js';
import { allowedEndDates } from '../mentorships/request-form.js';
import { checkTransition } from '../mentorships/transitions.js';
import { fail, invalidInput, type Outcome } from '../outcome.js';
import type { DateOnly } from '../store/database.js';
import { recordAudit } from './record-audit.js';

const extendInput = z.object({ endDate: z.iso.date('Give the date as YYYY-MM-DD, e.g. 2026-09-01.') });

/**
 * An admin moves a running or paused relation's end date later, from the
 * admin site: no proposal and agreement round trip as between the pair (the
 * pair usually asked for it). The date must be after today and after the
 * current end date, and no later than the community's longest mentorship
 * counted from today, as for the pair. A proposal the pair had open is
 * cleared; the space is told. Audited with the old and new dates once
 * committed.
 */
export async function adminExtendMentorship(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; endDate: string }): Promise<Outcome<MentorshipChange>> {
  const auth = authorizeMember(actor, 'mentorship.extend-by-admin');
  if (!auth.ok) return auth;
  const parsed = extendInput.safeParse({ endDate: input.endDate.trim() });
  if (!parsed.success) return invalidInput(parsed.error);
  const { endDate } = parsed.data;
  let previous: DateOnly | null = null;
  const done = await actOnMentorship(deps, auth.value, {
    useCase: 'mentorship.extend-by-admin',
    mentorshipId: input.mentorshipId,
    action: 'extend',
    asAdmin: true,
    extra: { endDate },
    check: (mentorship, community, now) => {
      // A mentorship that cannot be extended at all says so before its date is judged.
      const allowed = checkTransition(mentorship, 'extend', { kind: 'admin', memberId: auth.value.memberId }, community.settings.requestsNeedAdminApproval);
      if (!allowed.ok) return allowed;
      const today = localToday(now, community.timezone);
      const { latest } = allowedEndDates(today, community.settings);
      const after = mentorship.endDate > today ? mentorship.endDate : today;
      if (after >= latest) {
        const message = `It already runs until ${mentorship.endDate}: the longest mentorship this community allows ends ${latest}, counted from today.`;
        return fail('invalid-input', message, [{ field: 'endDate', message }]);
      }
      if (endDate <= after || endDate > latest) {
        const message = `Pick a date after ${after} (${after === today ? 'today' : 'the current end date'}) and no later than ${latest} (the longest mentorship this community allows, counted from today).`;
        return fail('invalid-input', message, [{ field: 'endDate', message }]);
      }
      previous = mentorship.endDate;
      return null;
    },
    done: `The mentorship now runs until ${endDate}.`,
  });
  if (done.ok) {
    await recordAudit(deps.db, auth.value, { action: 'mentorship.extended', targetType: 'mentorship', targetId: done.value.mentorshipId, details: { from: previous, to: endDate } });
  }
  return done;
}
