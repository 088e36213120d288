import type { App, BlockAction } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';

/** Every button and select whose `action_id` the core built (`mentor:…`); others (links) are acknowledged and ignored. */
export function registerActions(app: App, router: SlackRouter): void {
  app.action<BlockAction>({ type: 'block_actions', action_id: /^mentor:/ }, (args) => router.action(args));
}
