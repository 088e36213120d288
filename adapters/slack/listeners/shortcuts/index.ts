import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';
import { shortcutHandlers } from './handlers.js';

/** Every message shortcut the manifest declares; the router resolves who acts and answers failures, as for commands. */
export function registerShortcuts(app: App, router: SlackRouter): void {
  for (const callbackId of shortcutHandlers.keys()) {
    app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: callbackId }, (args) => router.messageShortcut(args));
  }
}
