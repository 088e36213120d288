import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';

/** Every form submission whose `callback_id` the core built; routed like buttons, by `area:action`. */
export function registerViews(app: App, router: SlackRouter): void {
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: /^mentor:/ }, (args) => router.view(args));
}
