import type { Kysely } from 'kysely';
import { startDiscordAdapter, type RunningDiscordAdapter } from '../../adapters/discord/start.js';
import type { SpaceActivityRecorder } from '../../adapters/discord/space-activity.js';
import type { Clock } from '../../core/ports/clock.js';
import { systemClock } from '../../core/ports/clock.js';
import type { Log } from '../../core/ports/log.js';
import type { Database } from '../../core/store/database.js';
import { FakeDiscord } from './fake-discord.js';
import { buttonPress, modalSubmit, selectChoice, slashCommand, autocomplete, type Interaction, type InteractionContext, type ModalValues, type SlashOptionValue } from './interactions.js';
import { permissions, type FakeChannel, type FakeGuild, type FakeUser } from './payloads.js';
import { responseTo, type InteractionResponse } from './responses.js';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** A log that keeps what it is told, so tests can assert a failure was logged. */
export function recordingLog(): Log & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (fields: object, message: string) => void entries.push({ level, fields: fields as Record<string, unknown>, message });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * One fake Discord, one guild and the real adapter logged in to it: what an
 * end-to-end test file shares across its tests. The guild has an owner, a
 * `#mentorship` text channel where the bot holds every permission it needs,
 * and a `#locked` one where its role cannot create private threads.
 */
export interface DiscordWorld {
  readonly discord: FakeDiscord;
  readonly guild: FakeGuild;
  readonly owner: FakeUser;
  readonly channel: FakeChannel;
  readonly lockedChannel: FakeChannel;
  readonly adapter: RunningDiscordAdapter;
  readonly log: ReturnType<typeof recordingLog>;
  /** A new person in the server (in the model; the client meets them through their first interaction or event). */
  person(name: string): FakeUser;
  command(user: FakeUser, path: readonly string[], options?: Record<string, SlashOptionValue>): Promise<Exchange>;
  /** Presses a button on a message the bot showed to `shownTo` (default: the presser). */
  press(user: FakeUser, customId: string, shownTo?: FakeUser): Promise<Exchange>;
  choose(user: FakeUser, customId: string, values: string[]): Promise<Exchange>;
  submit(user: FakeUser, customId: string, values: ModalValues): Promise<Exchange>;
  suggest(user: FakeUser, path: readonly string[], options: Record<string, SlashOptionValue>): Promise<Exchange>;
  /** Pushes an interaction and returns it without waiting (for failure tests). */
  push(interaction: Interaction): void;
  context(user: FakeUser): InteractionContext;
  stop(): Promise<void>;
}

export interface Exchange {
  readonly interaction: Interaction;
  readonly response: InteractionResponse;
}

/** The app secret the world's adapter seals report details and session notes with. */
export const testSecretKey = 'd'.repeat(64);

export async function startDiscordWorld(options: { db: Kysely<Database>; clock?: Clock; recordSpaceActivity?: SpaceActivityRecorder; publicUrl?: string }): Promise<DiscordWorld> {
  const discord = await FakeDiscord.start();
  const owner: FakeUser = { id: discord.nextId(), username: 'ada' };
  const guildId = discord.nextId();
  const botRole = discord.nextId();
  const channel: FakeChannel = { id: discord.nextId(), name: 'mentorship', type: 0, guildId };
  const lockedChannel: FakeChannel = {
    id: discord.nextId(), name: 'locked', type: 0, guildId,
    overwrites: [{ id: botRole, type: 0, allow: '0', deny: permissions('CreatePrivateThreads', 'ManageThreads') }],
  };
  const guild = discord.addGuild({
    id: guildId,
    name: 'Berlin TypeScript Meetup',
    ownerId: owner.id,
    roles: [
      { id: guildId, name: '@everyone', permissions: permissions('ViewChannel', 'SendMessages', 'ReadMessageHistory', 'UseApplicationCommands'), position: 0 },
      { id: botRole, name: 'Mentor', position: 1, permissions: permissions('ViewChannel', 'SendMessages', 'CreatePrivateThreads', 'SendMessagesInThreads', 'ManageThreads', 'EmbedLinks', 'AttachFiles') },
    ],
    channels: [channel, lockedChannel],
    members: [{ user: owner, roles: [] }, { user: discord.bot, roles: [botRole] }],
  });
  const commandId = discord.nextId();
  const log = recordingLog();
  const adapter = await startDiscordAdapter({
    config: { token: 'fake-bot-token', apiUrl: discord.apiUrl },
    deps: { db: options.db, clock: options.clock ?? systemClock },
    secretKey: testSecretKey,
    logger: log,
    ...(options.recordSpaceActivity ? { recordSpaceActivity: options.recordSpaceActivity } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });

  const context = (user: FakeUser): InteractionContext => ({
    id: discord.nextId(), token: `token-${discord.nextId()}`, applicationId: discord.applicationId, guild, channel, user,
  });
  const exchange = async (interaction: Interaction): Promise<Exchange> => {
    discord.gateway.dispatch('INTERACTION_CREATE', interaction);
    return { interaction, response: await responseTo(discord, interaction) };
  };
  const message = (shownTo: FakeUser) => ({ id: discord.nextId(), shownTo, bot: discord.bot });

  return {
    discord, guild, owner, channel, lockedChannel, adapter, log,
    person(name) {
      const user = { id: discord.nextId(), username: name };
      guild.members.push({ user, roles: [] });
      return user;
    },
    command: (user, path, options = {}) => exchange(slashCommand({ ...context(user), commandId, path, options })),
    press: (user, customId, shownTo = user) => exchange(buttonPress({ ...context(user), customId, message: message(shownTo) })),
    choose: (user, customId, values) => exchange(selectChoice({ ...context(user), customId, values, message: message(user) })),
    submit: (user, customId, values) => exchange(modalSubmit({ ...context(user), customId, values })),
    suggest: (user, path, options) => exchange(autocomplete({ ...context(user), commandId, path, options })),
    push: (interaction) => discord.gateway.dispatch('INTERACTION_CREATE', interaction),
    context,
    async stop() {
      await adapter.stop();
      await discord.close();
    },
  };
}
