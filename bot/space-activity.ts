import { systemActor } from '../core/access/actor.js';
import type { CoreDeps } from '../core/deps.js';
import { recordSpaceActivity } from '../core/mentorships/record-space-activity.js';
import type { Log } from '../core/ports/log.js';
import type { Platform } from '../core/store/database.js';

/** One message seen in a pair's space, as either adapter reports it (never its text). */
export interface PlatformSpaceActivity {
  readonly platform: Platform;
  readonly communityExternalId: string;
  readonly spaceId: string;
  readonly at: Date;
}

/**
 * The activity hook both chat adapters call for each message in a thread or
 * private channel: finds the community and counts one message for the
 * mentorship whose space it is (other channels are ignored by the core).
 * Nothing is counted in an INACTIVE community.
 */
export function spaceActivityRecorder(deps: CoreDeps, log: Log): (activity: PlatformSpaceActivity) => Promise<void> {
  return async (activity) => {
    const community = await deps.db
      .selectFrom('communities')
      .select('id')
      .where('platform', '=', activity.platform)
      .where('external_id', '=', activity.communityExternalId)
      // An uninstalled program counts nothing, even where its members still talk.
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst();
    if (!community) return;
    const outcome = await recordSpaceActivity(deps, systemActor, { communityId: community.id, spaceId: activity.spaceId, messages: 1, at: activity.at });
    if (!outcome.ok) log.warn({ problem: outcome.problem.code, spaceId: activity.spaceId }, 'space activity not recorded');
  };
}
