import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, type Outcome } from '../outcome.js';
import { actOnMentorship, type MentorshipChange } from './act-on-mentorship.js';
import { localToday } from './calendar.js';

const pauseInput = z.object({
  until: z.iso.date('Give the date as YYYY-MM-DD, e.g. 2026-09-01.'),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').nullish(),
});

/**
 * Either side pauses a running relation until a date (holidays, a busy
 * month): no nudges meanwhile, and the resume job starts it again on that day
 * in the community's timezone. The date must come before the end date.
 */
export async function pauseMentorship(deps: CoreDeps, actor: Actor, input: { mentorshipId: number; until: string; reason?: string | null }): Promise<Outcome<MentorshipChange>> {
  const parsed = pauseInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { until } = parsed.data;
  return actOnMentorship(deps, actor, {
    useCase: 'mentorship.pause',
    mentorshipId: input.mentorshipId,
    action: 'pause',
    reason: parsed.data.reason ?? null,
    extra: { pausedUntil: until },
    check: (mentorship, community, now) => {
      if (until <= localToday(now, community.timezone)) return fail('invalid-input', 'Pick a day after today.', [{ field: 'until', message: 'Pick a day after today.' }]);
      if (until >= mentorship.endDate) return fail('invalid-input', 'Resume before the end date; to stop for good, end the mentorship.', [{ field: 'until', message: `Pick a day before ${mentorship.endDate}.` }]);
      return null;
    },
    done: `The mentorship is paused until ${until}.`,
  });
}
