import type { ChatInputCommandInteraction, Guild } from 'discord.js';
import type { InteractionContext } from '../../core/interactions/interaction.js';
import type { FormValues } from '../../core/reply.js';
import type { Responder } from './responder.js';

/**
 * What every handler gets: the core's neutral context (who acts in which
 * community, how to answer, the channel or thread it came from) plus the
 * server, for the few handlers that need Discord itself (`setup`).
 */
export interface HandlerContext extends InteractionContext {
  readonly guild: Guild;
  readonly respond: Responder;
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
