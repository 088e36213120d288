import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../app-home.js';
import { isRevokedAccess } from '../../errors.js';
import type { EventContext } from './context.js';

/** `app_home_opened`: publishes the member's App Home (`views.publish`), fresh each time the tab opens. */
export async function publishAppHome(context: EventContext, { event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> {
  if (event.tab !== 'home') return;
  const teamId = body.team_id;
  const community = await context.workspaces.communityFor(teamId);
  if (!community) return;
  try {
    await publishHome(context.deps, client, community, event.user);
  } catch (error) {
    if (!isRevokedAccess(error)) throw error;
    await context.workspaces.revoke(teamId, 'views.publish answered that the token is revoked');
  }
}
