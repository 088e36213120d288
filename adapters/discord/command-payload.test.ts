import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommands } from '../../core/commands/command-catalog.js';
import { commandCatalog } from '../../core/commands/commands.js';
import { FakeDiscord } from '../../test/fake-discord/fake-discord.js';
import { actionHandlers } from './actions/index.js';
import { commandRegistrationPayload } from './command-payload.js';
import { commandHandlers } from './handlers/index.js';
import { botPermissions, discordInviteUrl } from './invite-url.js';
import { registerCommands } from './register-commands.js';

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await FakeDiscord.start();
});
afterAll(async () => {
  await discord?.close();
});

interface Option { type: number; name: string; required?: boolean; autocomplete?: boolean; choices?: unknown[]; options?: Option[]; channel_types?: number[] }

describe('the registration payload from commands.json', () => {
  const [mentor] = commandRegistrationPayload(commandCatalog) as unknown as [{ name: string; contexts: number[]; dm_permission: boolean; integration_types: number[]; options: Option[] }];

  it('is one guild-only /mentor command', () => {
    expect(mentor).toMatchObject({ name: 'mentor', contexts: [0], integration_types: [0], dm_permission: false });
  });

  it('has every catalog command as a subcommand or a subcommand in its group, with option types, choices and autocomplete', () => {
    const paths = mentor.options.flatMap((option) => (option.type === 2 ? (option.options ?? []).map((sub) => `${option.name} ${sub.name}`) : [option.name]));
    expect(paths).toEqual(listCommands(commandCatalog).map((command) => command.path.join(' ')));
    const find = mentor.options.find((option) => option.name === 'find')!;
    expect(find.options).toEqual([
      expect.objectContaining({ name: 'skill', type: 3, autocomplete: true, required: false }),
      expect.objectContaining({ name: 'looking-for', type: 3, choices: [{ name: 'a mentor', value: 'mentor' }, { name: 'a mentee', value: 'mentee' }] }),
    ]);
    expect(mentor.options.find((option) => option.name === 'request')?.options?.[0]).toMatchObject({ name: 'member', type: 6, required: true });
    expect(mentor.options.find((option) => option.name === 'setup')?.options?.[0]).toMatchObject({ name: 'channel', type: 7, channel_types: [0] });
    expect(mentor.options.find((option) => option.name === 'goal')?.options?.find((sub) => sub.name === 'done')?.options?.[0]).toMatchObject({ type: 3, autocomplete: true, required: true });
  });

  it('registers globally, or in one guild', async () => {
    const options = { token: 'fake-bot-token', applicationId: discord.applicationId, apiUrl: discord.apiUrl };
    expect(await registerCommands(commandCatalog, options)).toBe(1);
    expect(discord.requestsTo('PUT', new RegExp(`^/applications/${discord.applicationId}/commands$`))[0]?.body).toEqual(commandRegistrationPayload(commandCatalog));
    const guildId = discord.nextId();
    expect(await registerCommands(commandCatalog, { ...options, guildId })).toBe(1);
    expect(discord.commands.get(guildId)).toHaveLength(1);
  });
});

describe('handlers', () => {
  it('has a handler for every command in commands.json, and none for anything else', () => {
    const paths = listCommands(commandCatalog).map((command) => command.path.join(' '));
    expect([...commandHandlers.keys()].sort()).toEqual([...paths].sort());
  });

  it('routes every custom id area the core builds today', () => {
    expect([...actionHandlers.keys()]).toEqual(expect.arrayContaining(['onboard:open', 'onboard:submit', 'profile:view', 'profile:edit', 'profile:save', 'profile:levels', 'profile:save-levels', 'notifications:edit', 'notifications:save']));
  });
});

describe('the invite URL', () => {
  it('asks for the bot and commands scopes and exactly the permissions the bot uses', () => {
    const url = new URL(discordInviteUrl('1300000000000000001'));
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('client_id')).toBe('1300000000000000001');
    // View, Send, Embed, Attach, History, Manage Threads, Create Private Threads, Send in Threads.
    expect(BigInt(url.searchParams.get('permissions')!)).toBe(botPermissions);
    expect(botPermissions).toBe((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 34n) | (1n << 36n) | (1n << 38n));
  });
});
