import type { webApi } from '@slack/bolt';
import type { CommandInput, InteractionContext } from '../../core/interactions/interaction.js';
import type { FormValues } from '../../core/reply.js';
import type { Responder } from './responder.js';

/**
 * What every handler gets: the core's neutral context (who acts in which
 * community, how to answer, the channel it came from) plus the workspace's
 * Web API client, for the few handlers that need Slack itself.
 */
export interface HandlerContext extends InteractionContext {
  /** The workspace's Web API client, with its bot token. */
  readonly client: webApi.WebClient;
  readonly respond: Responder;
  /** The app's public base URL (PUBLIC_URL), for links into the web side. */
  readonly publicUrl: string;
}

export type { CommandInput } from '../../core/interactions/interaction.js';

/** A subcommand, found by its path (`data export`). Thin: read the options, call the core, render. */
export type CommandHandler = (context: HandlerContext, input: CommandInput) => Promise<void>;

/**
 * A button, select or form submission, found by the area and action of its id
 * (`onboard:submit`): a button's or select's `action_id`, a form's
 * `callback_id`. `args` are the id's remaining parts; `values` the form's
 * answers (text as strings, selects as arrays) or a select's choice under `selected`.
 */
export type ActionHandler = (context: HandlerContext, input: { readonly args: readonly string[]; readonly values: FormValues }) => Promise<void>;

/**
 * The message a message shortcut was used on, as far as the bot may know it:
 * where it is, who wrote it, and its text only to offer an excerpt (never
 * logged or stored unless the person keeps it in a form).
 */
export interface ShortcutMessage {
  readonly channelId: string;
  readonly ts: string;
  /** The thread's parent, when the message is a reply in a thread. */
  readonly threadTs?: string;
  /** The author's user id; absent for some app messages. */
  readonly authorUserId?: string;
  /** Set when an app (a bot) posted the message. */
  readonly botId?: string;
  readonly text: string;
  /** The workspace's Slack domain (`<domain>.slack.com`), for the message's link. */
  readonly teamDomain?: string;
  /** This app's bot user in the workspace. */
  readonly botUserId?: string;
}

/** A message shortcut, found by its `callback_id` (the manifest declares it). */
export type ShortcutHandler = (context: HandlerContext, message: ShortcutMessage) => Promise<void>;
