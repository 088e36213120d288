import type { App } from '@slack/bolt';
import type { SlackRouter } from '../router.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import type { EventContext } from './events/context.js';
import { registerEvents } from './events/index.js';
import { registerShortcuts } from './shortcuts/index.js';
import { registerViews } from './views/index.js';

/** Registers every listener folder on the Bolt app. */
export function registerListeners(app: App, router: SlackRouter, context: EventContext): void {
  registerCommands(app, router);
  registerActions(app, router);
  registerViews(app, router);
  registerEvents(app, context);
  registerShortcuts(app, router);
}
