import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { privateMessage } from '../../../../core/reply.js';
import { publishHome } from '../../app-home.js';
import { isRevokedAccess } from '../../errors.js';
import { inactiveNotice } from '../../router.js';
import { homeView } from '../../slack.renderer.js';
import type { EventContext } from './context.js';

/**
 * `app_home_opened`: publishes the member's App Home (`views.publish`), fresh
 * each time the tab opens; in a workspace whose program is switched off, only
 * the notice saying so.
 */
export async function publishAppHome(context: EventContext, { event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> {
  if (event.tab !== 'home') return;
  const teamId = body.team_id;
  const community = await context.workspaces.communityFor(teamId);
  if (!community) return;
  try {
    if (community.status === 'ACTIVE') await publishHome(context.deps, client, community, event.user);
    else await client.views.publish({ user_id: event.user, view: homeView([privateMessage([inactiveNotice(community, context.workspaces.mode)])]) });
  } catch (error) {
    if (!isRevokedAccess(error)) throw error;
    await context.workspaces.revoke(teamId, 'views.publish answered that the token is revoked');
  }
}
