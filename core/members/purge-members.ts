import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { parseStoredSettings } from '../communities/settings.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';

/** An onboarding not finished this long after the member was met is dropped (seed 003 purges unverified users monthly). */
export const unfinishedOnboardingDays = 30;
const dayMs = 86_400_000;

export interface PurgeCounts {
  readonly unfinishedOnboarding: number;
  readonly leftPastRetention: number;
}

/**
 * The monthly purge (the scheduler calls it with the system actor): deletes
 * regular members whose onboarding never finished within 30 days, and members
 * who left longer ago than their community's retention period. Owners and
 * admins created at install are kept however long they wait; erased members
 * are kept as the anonymous rows behind the program's totals. Their
 * mentorships stay, with the member reference cleared by the foreign keys.
 */
export async function purgeMembers(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { now: Date }): Promise<Outcome<PurgeCounts>> {
  const denied = authorize(actor, 'members.purge');
  if (denied) return denied;
  const { db } = deps;

  const unfinished = await db
    .deleteFrom('members')
    .where('onboarded_at', 'is', null)
    .where('role', '=', 'REGULAR')
    .where('erased_at', 'is', null)
    .where('created_at', '<', new Date(input.now.getTime() - unfinishedOnboardingDays * dayMs))
    .executeTakeFirst();

  let leftPastRetention = 0;
  const communities = await db.selectFrom('communities').select(['id', 'settings', 'settings_version']).execute();
  for (const community of communities) {
    const { leftMemberRetentionDays } = parseStoredSettings(community.settings, community.settings_version);
    const deleted = await db
      .deleteFrom('members')
      .where('community_id', '=', community.id)
      .where('status', '=', 'LEFT')
      .where('erased_at', 'is', null)
      .where('left_at', '<', new Date(input.now.getTime() - leftMemberRetentionDays * dayMs))
      .executeTakeFirst();
    leftPastRetention += Number(deleted.numDeletedRows);
  }
  return ok({ unfinishedOnboarding: Number(unfinished.numDeletedRows), leftPastRetention });
}
