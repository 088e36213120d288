import { Events, type Client, type Interaction } from 'discord.js';
import type { CoreDeps } from '../../core/deps.js';
import type { PlatformDelivery } from '../../core/ports/delivery.js';
import type { Log } from '../../core/ports/log.js';
import { createFieldCipher } from '../crypto/field-cipher.js';
import { createDiscordClient } from './client.js';
import { createDiscordDelivery } from './dm-delivery.js';
import { onGuildJoined, onGuildPresentAtStart, onGuildRemoved, onMemberJoined, onMemberLeft } from './guild-lifecycle.js';
import { guardPacketHandling } from './packet-guard.js';
import { createInteractionRouter } from './router.js';
import { spaceActivityOf, type SpaceActivityRecorder } from './space-activity.js';

export interface DiscordAdapterConfig {
  readonly token: string;
  /** REST base; unset means Discord itself. */
  readonly apiUrl?: string;
  readonly shards?: 'auto' | number[];
  readonly shardCount?: number;
}

export interface StartDiscordAdapterOptions {
  readonly config: DiscordAdapterConfig;
  readonly deps: CoreDeps;
  /** The app's secret key (bot/secret-key.ts): seals report details and session notes. */
  readonly secretKey: string;
  readonly logger: Log;
  /** Wired by the relations feature; without it thread messages are ignored. See `space-activity.ts`. */
  readonly recordSpaceActivity?: SpaceActivityRecorder;
  /** Where the admin site is served (`PUBLIC_URL`), for the links `/mentor admin` hands out. */
  readonly publicUrl?: string;
}

export interface RunningDiscordAdapter {
  readonly client: Client;
  /** For the outbox dispatcher's `deliveries`. */
  readonly delivery: PlatformDelivery;
  /** Logs out of the gateway; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Logs the bot in and wires every gateway event to the core: interactions to
 * the router, guilds to communities, members joining and leaving, thread
 * messages to the activity hook. Resolves once the client is ready (every
 * guild of every shard of this process received). Each event is handled on
 * its own: a failure is logged, never thrown back into discord.js.
 */
export async function startDiscordAdapter(options: StartDiscordAdapterOptions): Promise<RunningDiscordAdapter> {
  const { config, deps, logger } = options;
  const client = createDiscordClient({
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(config.shards ? { shards: config.shards } : {}),
    ...(config.shardCount ? { shardCount: config.shardCount } : {}),
  });
  guardPacketHandling(client, logger);
  const route = createInteractionRouter({ deps, cipher: createFieldCipher(options.secretKey), log: logger, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) });
  const guard = (what: string, work: () => Promise<unknown>) => {
    void work().catch((error: unknown) => logger.error({ err: error, event: what }, `Discord ${what} handling failed`));
  };

  client.on(Events.InteractionCreate, (interaction: Interaction) => guard('interaction', () => route(interaction)));
  client.on(Events.GuildCreate, (guild) => guard('guild create', () => onGuildJoined(deps, logger, guild)));
  // Only a removal: an outage (GUILD_DELETE with `unavailable: true`) is emitted as Events.GuildUnavailable, and ignored.
  client.on(Events.GuildDelete, (guild) => guard('guild delete', () => onGuildRemoved(deps, logger, guild)));
  client.on(Events.GuildMemberAdd, (member) => guard('member join', () => onMemberJoined(deps, logger, member)));
  client.on(Events.GuildMemberRemove, (member) => guard('member leave', () => onMemberLeft(deps, member)));
  client.on(Events.MessageCreate, (message) => {
    const activity = options.recordSpaceActivity ? spaceActivityOf(message) : null;
    if (activity && options.recordSpaceActivity) guard('thread message', () => options.recordSpaceActivity!(activity));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
  client.on(Events.ShardError, (error, shardId) => logger.warn({ err: error, shardId }, 'Discord gateway connection error'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  // Guilds that were there before this start arrive during login, before 'guildCreate' is emitted for new ones.
  // Being there at start-up is not being added again after an uninstall (the bot may not have left yet), but is after a removal.
  for (const guild of client.guilds.cache.values()) {
    await onGuildPresentAtStart(deps, logger, guild).catch((error: unknown) => logger.error({ err: error, guildId: guild.id }, 'could not ensure the community of a guild'));
  }
  logger.info({ guilds: client.guilds.cache.size, shards: client.ws.shards.size }, 'Discord adapter ready');

  const delivery = createDiscordDelivery({ db: deps.db, token: config.token, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), log: logger });
  let stopping: Promise<void> | undefined;
  return {
    client,
    delivery,
    stop() {
      stopping ??= client.destroy();
      return stopping;
    },
  };
}
