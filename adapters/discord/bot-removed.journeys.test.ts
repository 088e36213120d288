import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor } from '../../core/access/resolve-actor.js';
import { uninstallCommunity } from '../../core/communities/uninstall-community.js';
import { communityLeaveDeferral } from '../../core/outbox/community-leave.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { enqueue } from '../../core/outbox/enqueue.js';
import { systemClock } from '../../core/ports/clock.js';
import type { Message } from '../../core/reply.js';
import { expectOk, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { FakeChannel } from '../../test/fake-discord/payloads.js';
import { recordingLog, startDiscordWorld, testSecretKey, type DiscordWorld } from '../../test/fake-discord/world.js';
import { removedFromServer } from './guild-delivery.js';
import { startDiscordAdapter, type RunningDiscordAdapter } from './start.js';

/**
 * The bot taken out of a server by someone who manages it (or the server
 * deleted), through the real discord.js client against the fake Discord: an
 * outage changes nothing, a removal switches the program off without the
 * owner's uninstall mark and stops its deliveries without a request to
 * Discord, and adding the bot again, live or while the bot was not
 * connected, turns it back on.
 */
const database = useTestDatabase();
let world: DiscordWorld;
let dispatcher: OutboxDispatcher;
let community: BuiltCommunity;
let pairThread: FakeChannel;
let mentee: BuiltMember;
let mentorshipId: number;
const restarted: RunningDiscordAdapter[] = [];

beforeAll(async () => {
  world = await startDiscordWorld({ db: database.db });
  // As bot/app.ts wires it, without quiet hours (they would make the test depend on the time of day).
  dispatcher = createOutboxDispatcher({
    db: database.db, clock: systemClock, deliveries: [world.adapter.delivery], workerId: 'bot-removed-journeys', rateLimits: { discord: null }, deferUntil: communityLeaveDeferral(database.db),
  });
  const row = await database.db.selectFrom('communities').select(['id', 'timezone']).where('platform', '=', 'discord').where('external_id', '=', world.guild.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: 'discord', externalId: world.guild.id, timezone: row.timezone };

  const [mentorUser, menteeUser] = [world.person('grace'), world.person('linus')];
  pairThread = { id: world.discord.nextId(), name: 'grace-linus', type: 12, guildId: world.guild.id, parentId: world.channel.id, ownerId: world.discord.bot.id };
  world.discord.channels.set(pairThread.id, pairThread);
  const mentor = await makeMember(database.db, community, { platformUserId: mentorUser.id, displayName: 'Grace' });
  mentee = await makeMember(database.db, community, { platformUserId: menteeUser.id, displayName: 'Linus' });
  mentorshipId = (await makeMentorship(database.db, community, { mentor, mentee, status: 'ACCEPTED', spaceId: pairThread.id })).id;
});
afterAll(async () => {
  for (const adapter of restarted) await adapter.stop();
  await world?.stop();
});

const communityRow = () => database.db.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', community.id).executeTakeFirstOrThrow();
const mentorshipRow = () => database.db.selectFrom('mentorships').select(['status', 'space_id']).where('id', '=', mentorshipId).executeTakeFirstOrThrow();
const reinstalls = () => database.db.selectFrom('audit_log').select('details').where('community_id', '=', community.id).where('action', '=', 'community.reinstalled').orderBy('id').execute();
const note = (text: string): Message => ({ kind: 'message', visibility: 'pair', body: [text] });

/** A notice for the mentee and a post in the pair's thread, both due now. */
async function queueForThePair(tag: string): Promise<string[]> {
  const keys = [`bot-removed:${tag}:dm`, `bot-removed:${tag}:post`];
  await enqueue(database.db, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: mentee.id, message: { ...note(tag), visibility: 'private' } }, dedupeKey: keys[0]! });
  await enqueue(database.db, { communityId: community.id, kind: 'space.post', payload: { mentorshipId, message: note(tag) }, dedupeKey: keys[1]! });
  return keys;
}

const rowsKeyed = (keys: string[]) => database.db.selectFrom('outbox').select(['dedupe_key', 'status', 'last_error']).where('dedupe_key', 'in', keys).orderBy('id').execute();

async function startAgain(): Promise<RunningDiscordAdapter> {
  const adapter = await startDiscordAdapter({
    config: { token: 'fake-bot-token', apiUrl: world.discord.apiUrl }, deps: { db: database.db, clock: systemClock }, secretKey: testSecretKey, logger: recordingLog(),
  });
  restarted.push(adapter);
  return adapter;
}

describe('the bot removed from a Discord server', () => {
  it('ignores an outage: a server unavailable for a while keeps its program', async () => {
    world.discord.guildOutage(world.guild);
    await expect.poll(() => world.adapter.client.guilds.cache.get(world.guild.id)?.available).toBe(false);
    // Handlers run after discord.js emits; give a wrong one the time to act.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await communityRow()).toEqual({ status: 'ACTIVE', uninstalled_at: null });

    // The outage ends as Discord ends it: the guild comes back in a GUILD_CREATE.
    world.discord.gateway.dispatch('GUILD_CREATE', world.discord.guildPayload(world.guild));
    await expect.poll(() => world.adapter.client.guilds.cache.get(world.guild.id)?.available).toBe(true);
    expect(await communityRow()).toEqual({ status: 'ACTIVE', uninstalled_at: null });
    expect(await reinstalls()).toEqual([]);
  });

  it('switches the program off when the bot is kicked, leaving the mentorships and the owner\'s uninstall mark alone', async () => {
    world.discord.removeBotFrom(world.guild);
    await expect.poll(async () => (await communityRow()).status).toBe('INACTIVE');
    expect((await communityRow()).uninstalled_at).toBeNull();
    expect(await mentorshipRow()).toEqual({ status: 'ACCEPTED', space_id: pairThread.id });
    expect(world.log.entries).toContainEqual(expect.objectContaining({
      level: 'warn', fields: { guildId: world.guild.id, communityId: community.id }, message: expect.stringContaining('removed from the server'),
    }));
  });

  it('fails the server\'s outbox rows at once, with the reason, and asks Discord nothing', async () => {
    const keys = await queueForThePair('while-removed');
    const before = world.discord.requests.length;
    const report = await dispatcher.runOnce();
    expect(report).toMatchObject({ claimed: 2, dead: 2, sent: 0, retried: 0 });
    expect(await rowsKeyed(keys)).toEqual(keys.map((key) => ({ dedupe_key: key, status: 'DEAD', last_error: removedFromServer })));
    expect(world.discord.requests.slice(before)).toEqual([]);
  });

  it('turns the program back on when the bot is added again, and delivers again', async () => {
    world.discord.addBotTo(world.guild);
    await expect.poll(async () => (await communityRow()).status).toBe('ACTIVE');
    expect(await reinstalls()).toEqual([{ details: { cause: 'discord.bot-added', why: expect.any(String), wasUninstalled: false } }]);
    expect(await mentorshipRow()).toEqual({ status: 'ACCEPTED', space_id: pairThread.id });

    const keys = await queueForThePair('after-return');
    const report = await dispatcher.runOnce();
    expect(report).toMatchObject({ claimed: 2, sent: 2, dead: 0 });
    expect(await rowsKeyed(keys)).toEqual(keys.map((key) => ({ dedupe_key: key, status: 'SENT', last_error: null })));
    expect(world.discord.requestsTo('POST', new RegExp(`^/channels/${pairThread.id}/messages$`))).toHaveLength(1);
  });

  it('turns it back on at start-up when the bot was added again while it was not connected, but not after an owner\'s uninstall', async () => {
    world.discord.removeBotFrom(world.guild);
    await expect.poll(async () => (await communityRow()).status).toBe('INACTIVE');
    await world.adapter.stop();
    // Added again with no gateway session to hear it: only READY and the guilds of the next start tell.
    world.discord.addGuild(world.guild);
    const adapter = await startAgain();
    expect(await communityRow()).toEqual({ status: 'ACTIVE', uninstalled_at: null });
    expect(await reinstalls()).toHaveLength(2);

    const owner = await resolveActor(database.db, { communityId: community.id, platformUserId: world.owner.id });
    expectOk(await uninstallCommunity({ db: database.db, clock: systemClock }, owner, { confirmName: world.guild.name }));
    await adapter.stop();
    // The bot is still in the server (its leave waits behind the closing notices): being there is no reinstall.
    await startAgain();
    expect(await communityRow()).toEqual({ status: 'INACTIVE', uninstalled_at: expect.any(Date) });
    expect(await reinstalls()).toHaveLength(2);
  });
});
