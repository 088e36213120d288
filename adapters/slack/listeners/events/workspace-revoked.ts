import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { EventContext } from './context.js';

/**
 * `tokens_revoked` (for the bot's token) and `app_uninstalled`: the app lost
 * its access to the workspace. The installation is revoked and the community
 * becomes INACTIVE, its data kept; a new install makes it ACTIVE again. Bolt
 * does not authorize these two events (there is no token left to find).
 */
export async function onTokensRevoked(context: EventContext, { event, body }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs): Promise<void> {
  // User tokens (`oauth`) are never used by the bot; only losing the bot token matters.
  if ((event.tokens.bot ?? []).length === 0) return;
  await context.workspaces.revoke(body.team_id, 'tokens_revoked');
}

export async function onAppUninstalled(context: EventContext, { body }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs): Promise<void> {
  await context.workspaces.revoke(body.team_id, 'app_uninstalled');
}
