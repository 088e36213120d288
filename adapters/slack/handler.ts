import type { webApi } from '@slack/bolt';
import type { MemberActor } from '../../core/access/actor.js';
import type { CommunityProfile } from '../../core/communities/community.repository.js';
import type { CoreDeps } from '../../core/deps.js';
import type { Log } from '../../core/ports/log.js';
import type { FormValues } from '../../core/reply.js';
import type { Responder } from './responder.js';

/** What every handler gets: the core's dependencies, who is acting where, and how to answer. */
export interface HandlerContext {
  readonly deps: CoreDeps;
  readonly log: Log;
  /** The workspace's Web API client, with its bot token. */
  readonly client: webApi.WebClient;
  readonly community: CommunityProfile;
  /** Re-resolved from the database on every interaction: the core authorizes each call with it. */
  readonly actor: MemberActor;
  /** How the person is called in this workspace, for a member row created on first meeting. */
  readonly displayName: string;
  readonly respond: Responder;
  /** The app's public base URL (PUBLIC_URL), for links into the web side. */
  readonly publicUrl: string;
}

/** `/mentor <path> [options]`; options by their commands.json name (a user option holds the user id). */
export interface CommandInput {
  readonly path: string;
  readonly options: Readonly<Record<string, string>>;
}

/** A subcommand, found by its path (`data export`). Thin: read the options, call the core, render. */
export type CommandHandler = (context: HandlerContext, input: CommandInput) => Promise<void>;

/**
 * A button, select or form submission, found by the area and action of its id
 * (`onboard:submit`): a button's or select's `action_id`, a form's
 * `callback_id`. `args` are the id's remaining parts; `values` the form's
 * answers (text as strings, selects as arrays) or a select's choice under `selected`.
 */
export type ActionHandler = (context: HandlerContext, input: { readonly args: readonly string[]; readonly values: FormValues }) => Promise<void>;
