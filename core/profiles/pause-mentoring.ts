import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { updateMember } from '../members/member.repository.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';

const maxPauseDays = 366;

/**
 * "Not taking mentees until <date>": a mentor steps out of matching for new
 * mentees until that date (UTC midnight of it), without touching current
 * mentorships. `until: null` ends the pause.
 */
export async function pauseMentoring(deps: CoreDeps, actor: Actor, input: { until: string | null }): Promise<Outcome<{ notTakingMenteesUntil: Date | null }>> {
  const auth = authorizeMember(actor, 'profile.pause-mentoring');
  if (!auth.ok) return auth;
  const now = deps.clock.now();
  const latest = new Date(now.getTime() + maxPauseDays * 86_400_000);
  const schema = z.object({
    until: z
      .iso.date('Give the date as YYYY-MM-DD, e.g. 2026-09-01.')
      .transform((date) => new Date(`${date}T00:00:00Z`))
      .refine((date) => date > now, 'Pick a date in the future.')
      .refine((date) => date <= latest, `Pause for at most ${maxPauseDays} days; you can pause again later.`)
      .nullable(),
  });
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const until = parsed.data.until;
  await updateMember(deps.db, auth.value.communityId, auth.value.memberId, { not_taking_mentees_until: until }, now);
  return ok({ notTakingMenteesUntil: until });
}
