import type { App, MessageShortcut } from '@slack/bolt';
import { privateMessage } from '../../../../core/reply.js';
import { reportMessageShortcut } from '../../manifest.js';
import { renderMessage } from '../../slack.renderer.js';
import type { EventContext } from '../events/context.js';

/**
 * The "Report this message" message shortcut. Reports are not built yet, so
 * it answers privately where it was used; when they land, it opens the report
 * form with the message's link (never its text) through the router.
 */
export function registerShortcuts(app: App, context: Pick<EventContext, 'log'>): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: reportMessageShortcut }, async ({ ack, respond, body }) => {
    await ack();
    const rendered = renderMessage(privateMessage(['Reporting a message is coming soon. Until then, tell an admin of the program directly.']));
    await respond({ response_type: 'ephemeral', replace_original: false, text: rendered.text, blocks: rendered.blocks }).catch((error: unknown) =>
      context.log.warn({ err: error, teamId: body.team?.id }, 'could not answer the report shortcut'),
    );
  });
}
