import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, type Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';
import { localToday } from './calendar.js';

const reactivateInput = z.object({
  endDate: z.iso.date('Give the date as YYYY-MM-DD, e.g. 2026-09-01.').nullish(),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').nullish(),
});

/**
 * An admin brings a cancelled or completed relation back (ended by mistake,
 * or the pair wants more time): it runs again and its space reopens. An end
 * date already past needs a new one. Seats and the one-open-mentorship-per-pair
 * rule are checked as when accepting.
 */
export async function reactivateMentorship(
  deps: CoreDeps,
  actor: Actor,
  input: { mentorshipId: number; endDate?: string | null; reason?: string | null },
): Promise<Outcome<MentorshipChange>> {
  const parsed = reactivateInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const endDate = parsed.data.endDate ?? null;
  return actOnMentorship(deps, actor, {
    useCase: 'mentorship.reactivate',
    mentorshipId: input.mentorshipId,
    action: 'reactivate',
    asAdmin: true,
    reason: parsed.data.reason ?? null,
    ...(endDate ? { extra: { endDate } } : {}),
    check: (mentorship, community, now) => {
      const today = localToday(now, community.timezone);
      if ((endDate ?? mentorship.endDate) <= today) {
        const message = `Give a new end date after ${today}: the mentorship's end date has passed.`;
        return fail('invalid-input', message, [{ field: 'endDate', message }]);
      }
      return null;
    },
    done: 'The mentorship runs again, and its space reopens.',
  });
}
