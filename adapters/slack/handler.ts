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
