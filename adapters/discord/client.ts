import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

/**
 * The gateway intents the bot asks for, and why each:
 * - Guilds: GUILD_CREATE (the community, its owner, channels, roles and threads)
 *   and thread updates; needed by interactions and the permission check of setup.
 * - GuildMembers (privileged: switch on "Server Members Intent" in the developer
 *   portal): GUILD_MEMBER_ADD for the welcome DM, GUILD_MEMBER_REMOVE to mark LEFT.
 * - GuildMessages: MESSAGE_CREATE in guild channels and threads, to count a
 *   pair's activity. Without MessageContent (never requested) Discord sends
 *   the content blank, which is what the privacy rules want.
 * Sending DMs needs no intent; the bot never reads DMs, so DirectMessages is left out.
 */
export const discordIntents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages] as const;

export interface DiscordClientOptions {
  /** REST base, e.g. `http://127.0.0.1:PORT/api` for a local fake; Discord's own by default. */
  readonly apiUrl?: string;
  /**
   * Which shards this process runs. 'auto' (the default) asks `/gateway/bot`
   * for the recommended count and runs them all here; several processes split
   * them with explicit ids and `shardCount` (see the README's sharding notes).
   */
  readonly shards?: 'auto' | number[];
  readonly shardCount?: number;
}

/**
 * A discord.js client for the bot. Messages are never cached (the bot reads
 * no history, and holding others' messages in memory serves nothing); a left
 * member may be uncached, so GuildMember partials let GUILD_MEMBER_REMOVE through.
 */
export function createDiscordClient(options: DiscordClientOptions = {}): Client {
  return new Client({
    intents: [...discordIntents],
    partials: [Partials.GuildMember],
    shards: options.shards ?? 'auto',
    ...(options.shardCount ? { shardCount: options.shardCount } : {}),
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, ReactionManager: 0, PresenceManager: 0 }),
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
}
