import type { ChatInputCommandInteraction, Guild } from 'discord.js';
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
  readonly guild: Guild;
  readonly community: CommunityProfile;
  /** Re-resolved from the database on every interaction: the core authorizes each call with it. */
  readonly actor: MemberActor;
  /** How the person is called in this server, for a member row created on first meeting. */
  readonly displayName: string;
  readonly respond: Responder;
  /** Where the admin site is served (`PUBLIC_URL`), for login links; unset when the bot has none. */
  readonly publicUrl?: string;
}

/** A slash command, found by its subcommand path (`data export`). Thin: read the options, call the core, render. */
export type CommandHandler = (context: HandlerContext, interaction: ChatInputCommandInteraction) => Promise<void>;

/**
 * A button, select or modal submit, found by the area and action of its custom
 * id (`onboard:submit`). `args` are the id's remaining parts; `values` the
 * modal's fields (text as strings, selects as arrays) or a select's choice
 * under `selected`.
 */
export type ActionHandler = (context: HandlerContext, input: { readonly args: readonly string[]; readonly values: FormValues }) => Promise<void>;
