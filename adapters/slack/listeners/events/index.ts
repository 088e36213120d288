import type { App } from '@slack/bolt';
import { publishAppHome } from './app-home-opened.js';
import { guarded, type EventContext } from './context.js';
import { markDeactivatedMemberLeft, welcomeNewcomer } from './members.js';
import { countSpaceMessage } from './space-message.js';
import { onAppUninstalled, onTokensRevoked } from './workspace-revoked.js';

/** The Events API subscriptions (the manifest lists the same), each handled on its own. */
export function registerEvents(app: App, context: EventContext): void {
  const { log } = context;
  app.event('app_home_opened', (args) => guarded(log, 'app_home_opened', { teamId: args.body.team_id, userId: args.event.user }, () => publishAppHome(context, args)));
  app.event('team_join', (args) => guarded(log, 'team_join', { teamId: args.body.team_id, userId: args.event.user.id }, () => welcomeNewcomer(context, args)));
  app.event('user_change', (args) => guarded(log, 'user_change', { teamId: args.body.team_id, userId: args.event.user.id }, () => markDeactivatedMemberLeft(context, args)));
  app.event('tokens_revoked', (args) => guarded(log, 'tokens_revoked', { teamId: args.body.team_id }, () => onTokensRevoked(context, args)));
  app.event('app_uninstalled', (args) => guarded(log, 'app_uninstalled', { teamId: args.body.team_id }, () => onAppUninstalled(context, args)));
  app.event('message', (args) => guarded(log, 'message', { teamId: args.body.team_id }, () => countSpaceMessage(context, args)));
}
