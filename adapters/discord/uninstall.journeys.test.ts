import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor } from '../../core/access/resolve-actor.js';
import { uninstallCommunity } from '../../core/communities/uninstall-community.js';
import { communityLeaveDeferral } from '../../core/outbox/community-leave.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../core/outbox/dispatcher.js';
import type { Clock } from '../../core/ports/clock.js';
import { expectOk, makeMember, makeMentorship, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { memberObject, type FakeChannel, type FakeUser } from '../../test/fake-discord/payloads.js';
import { callbackType, componentIds, visibleText } from '../../test/fake-discord/responses.js';
import { startDiscordWorld, type DiscordWorld } from '../../test/fake-discord/world.js';
import { drainOutbox } from '../../test/outbox-fixtures.js';

/**
 * An owner uninstalls the program from the admin site, through the real
 * discord.js client against the fake Discord: the server's commands, buttons
 * and forms answer that it is switched off and change nothing, the outbox
 * tells the members and then takes the bot out of the server, and adding the
 * bot again turns the program back on.
 */
const database = useTestDatabase();
// The wall clock, moved ahead on demand: rows are queued at the database's now(), and the leave waits behind the notices' leases.
let ahead = 0;
const clock: Clock = { now: () => new Date(Date.now() + ahead) };
let world: DiscordWorld;
let dispatcher: OutboxDispatcher;
let community: BuiltCommunity;

beforeAll(async () => {
  world = await startDiscordWorld({ db: database.db, clock });
  // As bot/app.ts wires it, without quiet hours (they would make the test depend on the time of day).
  dispatcher = createOutboxDispatcher({
    db: database.db, clock, deliveries: [world.adapter.delivery], workerId: 'uninstall-journeys', rateLimits: { discord: null }, deferUntil: communityLeaveDeferral(database.db),
  });
  const row = await database.db.selectFrom('communities').select(['id', 'timezone']).where('platform', '=', 'discord').where('external_id', '=', world.guild.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: 'discord', externalId: world.guild.id, timezone: row.timezone };
});
afterAll(async () => {
  await world?.stop();
});

const deliverOutbox = () => drainOutbox(dispatcher);

const communityRow = () => database.db.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', community.id).executeTakeFirstOrThrow();
const memberOf = (user: FakeUser) => database.db.selectFrom('members').select(['id', 'status']).where('community_id', '=', community.id).where('platform_user_id', '=', user.id).executeTakeFirst();
const leaveRequests = () => world.discord.requestsTo('DELETE', new RegExp(`^/users/@me/guilds/${world.guild.id}$`));

describe('uninstalling the program in a Discord server', () => {
  const switchedOff = `The mentorship program is switched off in ${'Berlin TypeScript Meetup'}: an owner uninstalled it`;
  let pairThread: FakeChannel;
  let mentee: FakeUser;

  it('ends the running mentorship, and queues the leave behind the notices', async () => {
    const [mentorUser, menteeUser] = [world.person('grace'), world.person('linus')];
    mentee = menteeUser;
    pairThread = { id: world.discord.nextId(), name: 'grace-linus', type: 12, guildId: world.guild.id, parentId: world.channel.id, ownerId: world.discord.bot.id };
    world.discord.channels.set(pairThread.id, pairThread);
    const mentor = await makeMember(database.db, community, { platformUserId: mentorUser.id, displayName: 'Grace' });
    const menteeMember = await makeMember(database.db, community, { platformUserId: menteeUser.id, displayName: 'Linus' });
    await makeMentorship(database.db, community, { mentor, mentee: menteeMember, status: 'ACCEPTED', spaceId: pairThread.id });

    const owner = await resolveActor(database.db, { communityId: community.id, platformUserId: world.owner.id });
    const result = expectOk(await uninstallCommunity({ db: database.db, clock }, owner, { confirmName: world.guild.name }));
    expect(result.endedMentorships).toBe(1);
    expect(await communityRow()).toEqual({ status: 'INACTIVE', uninstalled_at: expect.any(Date) });
    const queued = await database.db.selectFrom('outbox').select(['id', 'kind']).where('community_id', '=', community.id).orderBy('id').execute();
    expect(queued.at(-1)?.kind).toBe('community.leave');
    expect(queued.filter((row) => row.kind === 'dm')).toHaveLength(2);
  });

  it('answers every command, button and form with the switched-off message, and changes nothing', async () => {
    const newcomer = world.person('margaret');
    const joined = await world.command(newcomer, ['join']);
    expect(joined.response.ephemeral).toBe(true);
    expect(visibleText(joined.response.message)).toContain(switchedOff);
    expect(visibleText(joined.response.message)).toContain('when someone who manages the server adds the bot again');
    expect(componentIds(joined.response.message)).toEqual([]);

    const pressed = await world.press(newcomer, 'mentor:onboard:open:PROFILE');
    expect(pressed.response.callbackType).not.toBe(callbackType.modal);
    expect(visibleText(pressed.response.message)).toContain(switchedOff);
    const submitted = await world.submit(newcomer, 'mentor:onboard:submit:PROFILE', { jobTitle: 'Engineer', yearsExperience: '3', bio: 'Hello' });
    expect(visibleText(submitted.response.message)).toContain(switchedOff);
    expect(await memberOf(newcomer)).toBeUndefined();

    const ownerHome = await world.command(world.owner, ['admin']);
    expect(visibleText(ownerHome.response.message)).toContain(switchedOff);
    expect(await database.db.selectFrom('login_links').select('id').where('member_id', '=', (await memberOf(world.owner))!.id).where('used_at', 'is', null).where('expires_at', '>', clock.now()).execute()).toEqual([]);

    const suggested = await world.suggest(world.owner, ['find'], { skill: { type: 'string', value: 'dat', focused: true } });
    expect(suggested.response.choices).toEqual([]);
  });

  it('sends nobody a welcome while switched off, though a returning member is back', async () => {
    const returning = world.person('ada-lovelace');
    await makeMember(database.db, community, { platformUserId: returning.id, status: 'LEFT' });
    world.discord.gateway.dispatch('GUILD_MEMBER_ADD', { ...memberObject(returning), guild_id: world.guild.id });
    await expect.poll(async () => (await memberOf(returning))?.status).toBe('ACTIVE');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.discord.requestsTo('POST', /^\/users\/@me\/channels$/).filter((request) => request.body?.recipient_id === returning.id)).toEqual([]);
  });

  it('tells the members first, then leaves the server', async () => {
    await deliverOutbox();
    // The notices went out; the leave waits behind the lease their delivery held.
    expect(world.discord.requestsTo('POST', /^\/users\/@me\/channels$/).map((request) => request.body?.recipient_id)).toContain(mentee.id);
    expect(pairThread.archived).toBe(true);
    expect(leaveRequests()).toEqual([]);

    ahead += 5 * 60_000;
    await deliverOutbox();
    expect(leaveRequests()).toHaveLength(1);
    const lastMessage = world.discord.requests.findLastIndex((request) => request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path));
    expect(world.discord.requests.indexOf(leaveRequests()[0]!)).toBeGreaterThan(lastMessage);
    const statuses = await database.db.selectFrom('outbox').select('status').where('community_id', '=', community.id).execute();
    expect(statuses.every((row) => row.status === 'SENT')).toBe(true);
    await expect.poll(() => world.adapter.client.guilds.cache.has(world.guild.id)).toBe(false);
    // Still switched off: leaving is not a reinstall.
    expect((await communityRow()).status).toBe('INACTIVE');
  });

  it('turns the program back on when the bot is added to the server again', async () => {
    world.discord.addBotTo(world.guild);
    await expect.poll(async () => (await communityRow()).status).toBe('ACTIVE');
    expect((await communityRow()).uninstalled_at).toBeNull();
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_member_id', 'details']).where('community_id', '=', community.id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['community.uninstalled', 'community.reinstalled']);
    expect(audit[1]).toMatchObject({ actor_member_id: null, details: { cause: 'discord.bot-added', wasUninstalled: true } });

    const newcomer = world.person('barbara');
    const joined = await world.command(newcomer, ['join']);
    expect(visibleText(joined.response.message)).not.toContain('switched off');
    expect(componentIds(joined.response.message)).toEqual(['mentor:onboard:open:PROFILE']);
    expect(await memberOf(newcomer)).toBeDefined();
    // The mentorship the uninstall ended stays ended.
    expect(await database.db.selectFrom('mentorships').select('status').where('community_id', '=', community.id).execute()).toEqual([{ status: 'CANCELLED' }]);
  });
});
