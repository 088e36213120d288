import { showReportForm } from '../../../../core/interactions/actions/report.actions.js';
import { privateMessage } from '../../../../core/reply.js';
import type { ShortcutHandler, ShortcutMessage } from '../../handler.js';

export const reportShortcutMessages = {
  yourself: 'That message is your own: you cannot report yourself.',
  notAPerson: 'That message was posted by an app, not a person, so it cannot be reported. If the mentor bot itself caused a problem, tell an admin of the program.',
} as const;

/** How much of the message the form offers as an excerpt; the reporter keeps or removes it. */
const excerptLength = 100;

/**
 * The message's link, as Slack builds permalinks (`p` and the timestamp
 * without its dot; a reply names its thread). Built here rather than asked
 * of `chat.getPermalink`, so opening the form spends none of the trigger's 3 s.
 */
export function messageLink(message: Pick<ShortcutMessage, 'channelId' | 'ts' | 'threadTs' | 'teamDomain'>): string {
  const host = message.teamDomain ? `${message.teamDomain}.slack.com` : 'slack.com';
  const thread = message.threadTs && message.threadTs !== message.ts ? `?thread_ts=${message.threadTs}&cid=${message.channelId}` : '';
  return `https://${host}/archives/${message.channelId}/p${message.ts.replace('.', '')}${thread}`;
}

/** The start of the message on one line, for the reporter to recognise it. */
export function excerptOf(text: string): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return undefined;
  return line.length > excerptLength ? `${line.slice(0, excerptLength - 1)}…` : line;
}

/**
 * "Report this message": the report form about the message's author, with
 * the message's link and a short excerpt the reporter may keep or remove
 * (what they keep goes into the sealed details only admins read; nothing of
 * the message is logged). Submitting it files the report through the core
 * (`report:file-member`). Someone's own message, or an app's, is answered
 * plainly instead.
 */
export const reportMessage: ShortcutHandler = async (context, message) => {
  const author = message.authorUserId;
  if (message.botId || !author || author === message.botUserId) return context.respond.send(privateMessage([reportShortcutMessages.notAPerson]));
  if (author === context.actor.platformUserId) return context.respond.send(privateMessage([reportShortcutMessages.yourself]));
  await showReportForm(context, { reportedUserId: author, messageLink: messageLink(message), excerpt: excerptOf(message.text) });
};
