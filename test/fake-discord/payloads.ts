/**
 * Discord API objects as the real gateway and REST API send them (API v10),
 * trimmed to what discord.js reads. Builders take every id explicitly; the
 * fake hands out ids (see `FakeDiscord.nextId`).
 */

export const permissionBits = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export type PermissionName = keyof typeof permissionBits;

export function permissions(...names: PermissionName[]): string {
  return names.reduce((bits, name) => bits | permissionBits[name], 0n).toString();
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly bot?: boolean;
}

export function userObject(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    global_name: user.username,
    discriminator: '0',
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
  };
}

export function memberObject(user: FakeUser, options: { roles?: string[]; permissions?: string; joinedAt?: string } = {}): Record<string, unknown> {
  return {
    user: userObject(user),
    nick: null,
    avatar: null,
    roles: options.roles ?? [],
    joined_at: options.joinedAt ?? '2026-01-01T00:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(options.permissions ? { permissions: options.permissions } : {}),
  };
}

export interface FakeRole {
  readonly id: string;
  readonly name: string;
  readonly permissions: string;
  readonly position: number;
}

export interface FakeOverwrite {
  /** A role or member id. */
  readonly id: string;
  /** 0 role, 1 member. */
  readonly type: 0 | 1;
  readonly allow: string;
  readonly deny: string;
}

export interface FakeChannel {
  readonly id: string;
  readonly name: string;
  /** 0 text, 4 category, 11 public thread, 12 private thread, 1 DM. */
  type: number;
  readonly guildId?: string;
  parentId?: string | null;
  overwrites?: FakeOverwrite[];
  archived?: boolean;
  locked?: boolean;
  invitable?: boolean;
  ownerId?: string;
  recipients?: FakeUser[];
}

export function channelObject(channel: FakeChannel): Record<string, unknown> {
  const base: Record<string, unknown> = { id: channel.id, type: channel.type, name: channel.name, flags: 0 };
  if (channel.type === 1) return { ...base, recipients: (channel.recipients ?? []).map(userObject), last_message_id: null };
  Object.assign(base, { guild_id: channel.guildId, parent_id: channel.parentId ?? null, position: 0, permission_overwrites: channel.overwrites ?? [] });
  if (channel.type === 11 || channel.type === 12) {
    Object.assign(base, {
      owner_id: channel.ownerId,
      member_count: 2,
      message_count: 0,
      total_message_sent: 0,
      rate_limit_per_user: 0,
      thread_metadata: {
        archived: channel.archived ?? false,
        locked: channel.locked ?? false,
        auto_archive_duration: 10080,
        archive_timestamp: '2026-01-01T00:00:00.000Z',
        ...(channel.type === 12 ? { invitable: channel.invitable ?? false } : {}),
      },
    });
  } else {
    Object.assign(base, { topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0 });
  }
  return base;
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly roles: FakeRole[];
  readonly channels: FakeChannel[];
  readonly members: { user: FakeUser; roles: string[] }[];
}

/** The full guild as GUILD_CREATE carries it: roles, channels, active threads, members and the owner. */
export function guildCreatePayload(guild: FakeGuild): Record<string, unknown> {
  const threads = guild.channels.filter((channel) => channel.type === 11 || channel.type === 12);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map((role) => ({
      id: role.id, name: role.name, permissions: role.permissions, position: role.position,
      color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
    })),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: '2026-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: guild.members.map((member) => memberObject(member.user, { roles: member.roles })),
    channels: guild.channels.filter((channel) => !threads.includes(channel)).map(channelObject),
    threads: threads.map(channelObject),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

/** A message as REST and MESSAGE_CREATE return it. */
export function messageObject(input: {
  id: string;
  channelId: string;
  guildId?: string;
  author: FakeUser;
  body?: Record<string, unknown>;
  webhookId?: string;
}): Record<string, unknown> {
  const body = input.body ?? {};
  return {
    id: input.id,
    channel_id: input.channelId,
    ...(input.guildId ? { guild_id: input.guildId } : {}),
    author: userObject(input.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
  };
}
