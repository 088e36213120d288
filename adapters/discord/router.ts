import { ComponentType, type AutocompleteInteraction, type Guild, type Interaction, type ModalSubmitFields, type RepliableInteraction } from 'discord.js';
import { resolveActor } from '../../core/access/resolve-actor.js';
import { findCommunity, findCommunityByExternalId } from '../../core/communities/community.repository.js';
import type { CoreDeps } from '../../core/deps.js';
import { communityOfInteraction } from '../../core/interactions/interaction-community.js';
import { parseInteractionId } from '../../core/interaction-ids.js';
import type { FieldCipher } from '../../core/ports/field-cipher.js';
import type { Log } from '../../core/ports/log.js';
import { privateMessage, type FormValues } from '../../core/reply.js';
import { actionHandlers } from './actions/index.js';
import { suggestChoices } from './autocomplete.js';
import { discordErrorCode, discordErrorCodes, isExpiredInteraction, StaleInteractionError } from './errors.js';
import { ensureGuildCommunity } from './guild-lifecycle.js';
import type { ActionHandler, CommandHandler, HandlerContext } from './handler.js';
import { commandHandlers } from './handlers/index.js';
import { createResponder, type Responder } from './responder.js';

export interface RouterOptions {
  readonly deps: CoreDeps;
  /** Seals report details and session notes (`adapters/crypto/field-cipher.ts`). */
  readonly cipher: FieldCipher;
  readonly log: Log;
  /** Defaults to every command in commands.json; tests may narrow it. */
  readonly commands?: ReadonlyMap<string, CommandHandler>;
  readonly actions?: ReadonlyMap<string, ActionHandler>;
  /** Where the admin site is served, for `/mentor admin`. */
  readonly publicUrl?: string;
}

const messages = {
  guildOnly: 'The mentor commands work inside a server. Open this from the server where you joined the program.',
  leftServer: (server: string) => `You are no longer a member of ${server}, so this does nothing there. Rejoin the server to take part in its program again.`,
  switchedOff: (server: string) =>
    `The mentorship program is switched off in ${server}: an owner uninstalled it, so commands, buttons and forms do nothing here. It comes back, with its data, when someone who manages the server adds the bot again.`,
  notForYou: 'This button belongs to a message for someone else. Run the command yourself to get your own.',
  stale: 'This button or form is out of date. Run the command again to get a fresh one.',
  unknownCommand: 'This command is not available any more. Type `/mentor help` to see what is.',
  failed: 'Something went wrong on our side. Please try again in a moment; if it keeps happening, tell an admin.',
} as const;

/**
 * The one interaction router: slash commands by subcommand path (from
 * commands.json), buttons, selects and modal submits by the area and action
 * of their custom id, autocomplete by the option's kind. It resolves the
 * community and the acting member afresh for each interaction (the core
 * re-authorizes every call with it), does nothing in a server whose program
 * an owner switched off but say so, and is the top-level error handler: a
 * failure is logged and answered privately, and the returned promise never
 * rejects.
 */
export function createInteractionRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
  const { deps, cipher, log } = options;
  const commands = options.commands ?? commandHandlers;
  const actions = options.actions ?? actionHandlers;

  async function context(interaction: RepliableInteraction, guild: Guild, respond: Responder): Promise<HandlerContext> {
    const community = await ensureGuildCommunity(deps, guild);
    const actor = await resolveActor(deps.db, { communityId: community.id, platformUserId: interaction.user.id });
    const displayName = (interaction.inCachedGuild() ? interaction.member.displayName : guild.members.cache.get(interaction.user.id)?.displayName) ?? interaction.user.displayName;
    return {
      deps, cipher, log, guild, community, actor, displayName, respond,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(interaction.channelId ? { placeId: interaction.channelId } : {}),
    };
  }

  /**
   * The server an interaction belongs to, or what to answer instead. A button
   * or form in a direct message (a request to answer, a session to confirm)
   * has none of its own: its community is read from what its id names, or is
   * the person's only one. A DM outlives membership, so the person must still
   * be in that server.
   */
  async function placeOf(interaction: RepliableInteraction): Promise<{ readonly guild: Guild } | { readonly refusal: string }> {
    if (interaction.inCachedGuild()) return { guild: interaction.guild };
    if (interaction.guildId || (!interaction.isMessageComponent() && !interaction.isModalSubmit())) return { refusal: messages.guildOnly };
    const id = parseInteractionId(interaction.customId);
    const communityId = await communityOfInteraction(deps.db, { platform: 'discord', platformUserId: interaction.user.id, id });
    const community = communityId === null ? null : await findCommunity(deps.db, communityId);
    const guild = community ? interaction.client.guilds.cache.get(community.externalId) : undefined;
    if (!guild) return { refusal: messages.guildOnly };
    return (await isMemberOf(guild, interaction.user.id)) ? { guild } : { refusal: messages.leftServer(guild.name) };
  }

  async function dispatch(interaction: RepliableInteraction, guild: Guild, respond: Responder): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const path = [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter(Boolean).join(' ');
      const handler = commands.get(path);
      if (!handler) return respond.send(privateMessage([messages.unknownCommand]));
      return handler(await context(interaction, guild, respond), interaction);
    }
    if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return;
    const id = parseInteractionId(interaction.customId);
    const handler = id ? actions.get(`${id.area}:${id.action}`) : undefined;
    if (!id || !handler) return respond.send(privateMessage([messages.stale]));
    // A button on a reply to someone else's command is theirs: ephemeral replies cannot be pressed by
    // others, but public ones can. Whatever passes here, the core still authorizes the presser.
    const shownTo = interaction.isMessageComponent() ? interaction.message.interactionMetadata?.user.id : undefined;
    if (shownTo && shownTo !== interaction.user.id) return respond.send(privateMessage([messages.notForYou]));
    const values: FormValues = interaction.isModalSubmit() ? modalValues(interaction.fields) : interaction.isStringSelectMenu() ? { selected: interaction.values } : {};
    return handler(await context(interaction, guild, respond), { args: id.args, values });
  }

  /** Whether an owner uninstalled the program in this server (its community is INACTIVE): then nothing is done there. */
  async function isSwitchedOff(guild: Guild): Promise<boolean> {
    const community = await findCommunityByExternalId(deps.db, 'discord', guild.id);
    return community !== null && community.status !== 'ACTIVE';
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    if (!interaction.inCachedGuild()) return interaction.respond([]);
    const community = await ensureGuildCommunity(deps, interaction.guild);
    if (community.status !== 'ACTIVE') return interaction.respond([]);
    const actor = await resolveActor(deps.db, { communityId: community.id, platformUserId: interaction.user.id });
    await interaction.respond(await suggestChoices(deps, actor, interaction));
  }

  return async function route(interaction) {
    const details = { interactionId: interaction.id, guildId: interaction.guildId, userId: interaction.user.id, type: interaction.type };
    if (interaction.isAutocomplete()) {
      await autocomplete(interaction).catch((error: unknown) => log.warn({ ...details, err: error }, 'autocomplete failed'));
      return;
    }
    if (!interaction.isRepliable()) return;
    const respond = createResponder(interaction);
    try {
      const place = await placeOf(interaction);
      if ('refusal' in place) return await respond.send(privateMessage([place.refusal]));
      if (await isSwitchedOff(place.guild)) return await respond.send(privateMessage([messages.switchedOff(place.guild.name)]));
      await dispatch(interaction, place.guild, respond);
    } catch (error) {
      await answerFailure(error, respond, log, details);
    }
  };
}

/** Whether the user is in the guild: from the member cache (kept by GUILD_MEMBER_ADD and REMOVE), else asked of Discord. */
async function isMemberOf(guild: Guild, userId: string): Promise<boolean> {
  try {
    await guild.members.fetch(userId);
    return true;
  } catch (error) {
    if (discordErrorCode(error) === discordErrorCodes.unknownMember) return false;
    throw error;
  }
}

/** Modal fields as the core reads them: a text input's value, a string select's chosen values. */
function modalValues(fields: ModalSubmitFields): FormValues {
  const values: Record<string, string | readonly string[]> = {};
  for (const field of fields.fields.values()) {
    if (field.type === ComponentType.TextInput) values[field.customId] = field.value;
    else if (field.type === ComponentType.StringSelect) values[field.customId] = [...field.values];
  }
  return values;
}

/** The top-level error handler: log, then tell the person privately, unless Discord no longer lets us. */
async function answerFailure(error: unknown, respond: Responder, log: Log, details: Record<string, unknown>): Promise<void> {
  if (isExpiredInteraction(error)) {
    log.warn({ ...details, err: error }, 'interaction expired before the bot answered');
    return;
  }
  const stale = error instanceof StaleInteractionError;
  if (stale) log.info({ ...details, reason: error.message }, 'stale interaction');
  else log.error({ ...details, err: error }, 'interaction failed');
  try {
    await respond.send(privateMessage([stale ? messages.stale : messages.failed]));
  } catch (second) {
    log.warn({ ...details, err: second }, 'could not tell the user about the failure');
  }
}
