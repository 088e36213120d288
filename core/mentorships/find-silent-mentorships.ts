import { sql } from 'kysely';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';

export interface SilentMentorship {
  readonly mentorshipId: number;
  readonly mentorId: number | null;
  readonly menteeId: number | null;
  readonly spaceId: string | null;
  /** The last message in the space, or the start of the relation when nobody has written yet. */
  readonly quietSince: Date;
}

/**
 * Running relations whose space has been quiet for `days` (default: the
 * community's silent-pair setting), for the job that nudges them. Paused
 * relations are left alone. Quietest first. `asOf` (default: the clock) is
 * the instant the silence is measured to, so a job reads it from its slot.
 */
export async function findSilentMentorships(deps: CoreDeps, actor: Actor, input: { communityId: number; days?: number; asOf?: Date }): Promise<Outcome<SilentMentorship[]>> {
  const denied = authorize(actor, 'mentorships.find-silent');
  if (denied) return denied;
  const community = await requireCommunity(deps.db, input.communityId);
  const days = input.days ?? community.settings.reminders.silentPairDays;
  const cutoff = new Date((input.asOf ?? deps.clock.now()).getTime() - days * 86_400_000);
  const quietSince = sql<Date>`coalesce(last_activity_at, accepted_at, created_at)`;
  const rows = await deps.db
    .selectFrom('mentorships')
    .select(['id', 'mentor_id', 'mentee_id', 'space_id', quietSince.as('quiet_since')])
    .where('community_id', '=', community.id)
    .where('status', '=', 'ACCEPTED')
    .where(quietSince, '<=', cutoff)
    .orderBy('quiet_since')
    .orderBy('id')
    .execute();
  return ok(rows.map((row) => ({ mentorshipId: row.id, mentorId: row.mentor_id, menteeId: row.mentee_id, spaceId: row.space_id, quietSince: row.quiet_since })));
}
