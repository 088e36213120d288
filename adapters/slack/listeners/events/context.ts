import type { CoreDeps } from '../../../../core/deps.js';
import type { Log } from '../../../../core/ports/log.js';
import type { SpaceActivityRecorder } from '../../space-activity.js';
import type { SlackWorkspaces } from '../../workspaces.js';

/** What the event listeners share. */
export interface EventContext {
  readonly deps: CoreDeps;
  readonly log: Log;
  readonly workspaces: SlackWorkspaces;
  readonly recordSpaceActivity?: SpaceActivityRecorder | undefined;
}

/**
 * Runs one event's work on its own: a failure is logged with the event's
 * type, never thrown back into Bolt (the event was acknowledged already, and
 * Slack would not redeliver it anyway).
 */
export async function guarded(log: Log, what: string, details: Record<string, unknown>, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error({ ...details, err: error, event: what }, `Slack ${what} handling failed`);
  }
}
