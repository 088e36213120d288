import { channelObject, memberObject, messageObject, userObject, type FakeChannel, type FakeGuild, type FakeUser } from './payloads.js';

/**
 * INTERACTION_CREATE payloads as Discord sends them. The fields discord.js
 * insists on are all here: `entitlements`, `authorizing_integration_owners`,
 * `app_permissions`, `locale`, and a `channel` the client has cached.
 */

export interface InteractionContext {
  readonly id: string;
  readonly token: string;
  readonly applicationId: string;
  readonly guild: FakeGuild;
  readonly channel: FakeChannel;
  readonly user: FakeUser;
  /** The invoking member's permissions in the channel; default: a regular member's. */
  readonly memberPermissions?: string;
  readonly appPermissions?: string;
}

export type Interaction = Record<string, unknown> & { readonly id: string; readonly token: string };

function base(context: InteractionContext, type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Interaction {
  return {
    id: context.id,
    application_id: context.applicationId,
    type,
    token: context.token,
    version: 1,
    guild_id: context.guild.id,
    guild: { id: context.guild.id, locale: 'en-US', features: [] },
    channel_id: context.channel.id,
    channel: channelObject(context.channel),
    member: memberObject(context.user, { permissions: context.memberPermissions ?? '2248473465835073' }),
    app_permissions: context.appPermissions ?? '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': context.guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
    data,
    ...extra,
  };
}

export type SlashOptionValue =
  | { readonly type: 'string'; readonly value: string; readonly focused?: boolean }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'user'; readonly user: FakeUser }
  | { readonly type: 'channel'; readonly channel: FakeChannel };

const optionTypes = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7 } as const;

function commandData(commandId: string, path: readonly string[], options: Record<string, SlashOptionValue>): Record<string, unknown> {
  const resolved: { users?: Record<string, unknown>; members?: Record<string, unknown>; channels?: Record<string, unknown> } = {};
  const leafOptions = Object.entries(options).map(([name, option]) => {
    switch (option.type) {
      case 'user':
        resolved.users = { ...resolved.users, [option.user.id]: userObject(option.user) };
        resolved.members = { ...resolved.members, [option.user.id]: { ...memberObject(option.user), user: undefined, permissions: '0' } };
        return { name, type: optionTypes.user, value: option.user.id };
      case 'channel':
        resolved.channels = {
          ...resolved.channels,
          [option.channel.id]: { id: option.channel.id, name: option.channel.name, type: option.channel.type, permissions: '0', parent_id: option.channel.parentId ?? null },
        };
        return { name, type: optionTypes.channel, value: option.channel.id };
      case 'string':
        return { name, type: optionTypes.string, value: option.value, ...(option.focused ? { focused: true } : {}) };
      default:
        return { name, type: optionTypes[option.type], value: option.value };
    }
  });
  const [first, second] = path;
  if (!first) throw new Error('a command path needs at least a subcommand');
  const sub = second ? { type: 2, name: first, options: [{ type: 1, name: second, options: leafOptions }] } : { type: 1, name: first, options: leafOptions };
  return { id: commandId, name: 'mentor', type: 1, guild_id: undefined, options: [sub], ...(Object.keys(resolved).length > 0 ? { resolved } : {}) };
}

/** `/mentor <path...>` with options, e.g. path ['data', 'export']. */
export function slashCommand(context: InteractionContext & { commandId: string; path: readonly string[]; options?: Record<string, SlashOptionValue> }): Interaction {
  return base(context, 2, commandData(context.commandId, context.path, context.options ?? {}));
}

/** The user typing in an option with autocomplete: the focused option carries what they typed so far. */
export function autocomplete(context: InteractionContext & { commandId: string; path: readonly string[]; options: Record<string, SlashOptionValue> }): Interaction {
  return base(context, 4, commandData(context.commandId, context.path, context.options));
}

/** The message a component sits on, sent in answer to `shownTo`'s interaction. */
export interface ComponentMessage {
  readonly id: string;
  readonly shownTo: FakeUser;
  readonly bot: FakeUser;
  readonly ephemeral?: boolean;
}

function componentMessage(context: InteractionContext, message: ComponentMessage): Record<string, unknown> {
  return {
    ...messageObject({ id: message.id, channelId: context.channel.id, guildId: context.guild.id, author: message.bot, webhookId: context.applicationId }),
    flags: message.ephemeral === false ? 0 : 64,
    application_id: context.applicationId,
    interaction_metadata: {
      id: `${message.id}0`,
      type: 2,
      user: userObject(message.shownTo),
      authorizing_integration_owners: { '0': context.guild.id },
    },
  };
}

export function buttonPress(context: InteractionContext & { customId: string; message: ComponentMessage }): Interaction {
  return base(context, 3, { custom_id: context.customId, component_type: 2 }, { message: componentMessage(context, context.message) });
}

export function selectChoice(context: InteractionContext & { customId: string; values: string[]; message: ComponentMessage }): Interaction {
  return base(context, 3, { custom_id: context.customId, component_type: 3, values: context.values }, { message: componentMessage(context, context.message) });
}

/** Submitted modal values: a string for a text input, an array for a string select. */
export type ModalValues = Record<string, string | string[]>;

/** A modal submit as sent for a modal of Label components (type 18) around text inputs (4) and string selects (3). */
export function modalSubmit(context: InteractionContext & { customId: string; values: ModalValues }): Interaction {
  return base(context, 5, modalData(context.customId, context.values));
}

function modalData(customId: string, values: ModalValues): Record<string, unknown> {
  const components = Object.entries(values).map(([inputId, value], index) => ({
    type: 18,
    id: index * 2 + 1,
    component: typeof value === 'string'
      ? { type: 4, id: index * 2 + 2, custom_id: inputId, value }
      : { type: 3, id: index * 2 + 2, custom_id: inputId, values: value },
  }));
  return { custom_id: customId, components };
}

/**
 * Where an interaction in the bot's direct messages with `user` happens: no
 * guild and no member, the user alone, in their DM channel (type 1). Buttons
 * there sit on messages the outbox sent, so they carry no interaction metadata.
 */
export interface DirectMessageContext {
  readonly id: string;
  readonly token: string;
  readonly applicationId: string;
  readonly user: FakeUser;
  readonly channel: FakeChannel;
  readonly bot: FakeUser;
}

function directBase(context: DirectMessageContext, type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Interaction {
  return {
    id: context.id,
    application_id: context.applicationId,
    type,
    token: context.token,
    version: 1,
    channel_id: context.channel.id,
    channel: channelObject(context.channel),
    user: userObject(context.user),
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    // 1: BOT_DM, the interaction context of the bot's direct messages.
    context: 1,
    attachment_size_limit: 10_485_760,
    data,
    ...extra,
  };
}

/** A button pressed on a message the bot sent to `user`'s DMs (through the outbox, not in answer to them). */
export function directMessageButtonPress(context: DirectMessageContext & { customId: string; messageId: string }): Interaction {
  const message = { ...messageObject({ id: context.messageId, channelId: context.channel.id, author: context.bot }), flags: 0 };
  return directBase(context, 3, { custom_id: context.customId, component_type: 2 }, { message });
}

/** A modal submitted from the bot's DMs (one opened by a DM button). */
export function directMessageModalSubmit(context: DirectMessageContext & { customId: string; values: ModalValues }): Interaction {
  return directBase(context, 5, modalData(context.customId, context.values));
}
