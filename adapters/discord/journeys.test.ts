import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { slashCommand } from '../../test/fake-discord/interactions.js';
import { channelObject, memberObject, userObject, type FakeUser } from '../../test/fake-discord/payloads.js';
import { callbackType, componentIds, visibleText } from '../../test/fake-discord/responses.js';
import { startDiscordWorld, type DiscordWorld } from '../../test/fake-discord/world.js';

/**
 * Whole journeys through the real discord.js client, logged in to a local fake
 * Discord: gateway events in, REST answers out, the database in between.
 */
const database = useTestDatabase();
const publicUrl = 'https://mentor.example.org';
let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld({ db: database.db, publicUrl });
});
afterAll(async () => {
  await world?.stop();
});

async function communityId(): Promise<number> {
  const row = await database.db.selectFrom('communities').select('id').where('platform', '=', 'discord').where('external_id', '=', world.guild.id).executeTakeFirstOrThrow();
  return row.id;
}

async function memberRow(user: FakeUser) {
  return database.db
    .selectFrom('members')
    .select(['id', 'status', 'onboarding_step', 'job_title', 'years_experience', 'mentorship_role', 'timezone', 'mentee_capacity', 'notification_preferences', 'erased_at'])
    .where('community_id', '=', await communityId())
    .where('platform_user_id', '=', user.id)
    .executeTakeFirst();
}

async function skillIds(...slugs: string[]): Promise<string[]> {
  const rows = await database.db.selectFrom('skills').select(['id', 'slug']).where('community_id', '=', await communityId()).where('slug', 'in', slugs).execute();
  return slugs.map((slug) => String(rows.find((row) => row.slug === slug)!.id));
}

/** Runs the first onboarding step of a new member to the point where their GOALS step waits. */
async function onboardThroughProfile(user: FakeUser): Promise<void> {
  await world.command(user, ['join']);
  await world.press(user, 'mentor:onboard:open:PROFILE');
  await world.submit(user, 'mentor:onboard:submit:PROFILE', { jobTitle: 'Backend developer', yearsExperience: '4', bio: 'Postgres and queues.' });
}

describe('joining a server', () => {
  it('creates the community with the server owner as OWNER', async () => {
    const community = await database.db.selectFrom('communities').select(['id', 'name']).where('external_id', '=', world.guild.id).executeTakeFirstOrThrow();
    expect(community.name).toBe('Berlin TypeScript Meetup');
    const members = await database.db.selectFrom('members').select(['role', 'platform_user_id']).where('community_id', '=', community.id).execute();
    expect(members).toEqual([{ role: 'OWNER', platform_user_id: world.owner.id }]);
  });

  it('identifies with Guilds, GuildMembers and GuildMessages, never the message content intent, and answers heartbeats', async () => {
    const [identify] = world.discord.gateway.identifies;
    expect(identify?.intents).toBe((1 << 0) | (1 << 1) | (1 << 9));
    expect(identify?.shard).toEqual([0, 1]);
    await expect.poll(() => world.discord.gateway.heartbeats, { timeout: 3_000 }).toBeGreaterThan(0);
  });
});

describe('onboarding through modals', () => {
  it('takes a new member from /mentor join to a stored profile, resuming after an interruption', async () => {
    const linus = world.person('linus');
    const joined = await world.command(linus, ['join']);
    expect(joined.response.callbackType).toBe(callbackType.deferredMessage);
    expect(joined.response.ephemeral).toBe(true);
    expect(componentIds(joined.response.message)).toEqual(['mentor:onboard:open:PROFILE']);

    const profileForm = await world.press(linus, 'mentor:onboard:open:PROFILE');
    expect(profileForm.response.callbackType).toBe(callbackType.modal);
    expect(profileForm.response.modal?.custom_id).toBe('mentor:onboard:submit:PROFILE');
    const labels = profileForm.response.modal?.components as { type: number; label: string; component: { type: number; custom_id: string } }[];
    expect(labels.map((label) => [label.type, label.label, label.component.type, label.component.custom_id])).toEqual([
      [18, 'Job title', 4, 'jobTitle'],
      [18, 'Years of experience in tech', 4, 'yearsExperience'],
      [18, 'A few words about you', 4, 'bio'],
    ]);

    const afterProfile = await world.submit(linus, 'mentor:onboard:submit:PROFILE', { jobTitle: 'Platform engineer', yearsExperience: '7', bio: 'Kernels and compilers.' });
    expect(visibleText(afterProfile.response.message)).toContain('Step 2 of 3');
    expect(componentIds(afterProfile.response.message)).toEqual(['mentor:onboard:open:GOALS']);

    const goalsForm = await world.press(linus, 'mentor:onboard:open:GOALS');
    const goalInputs = goalsForm.response.modal?.components as { component: { type: number; custom_id: string } }[];
    expect(goalInputs.map((label) => [label.component.custom_id, label.component.type])).toEqual([
      ['mentorshipRole', 3], ['mentorshipTypes', 3], ['offeredSkills', 3], ['wantedSkills', 3],
    ]);
    const [backend, frontend] = await skillIds('backend', 'frontend');
    await world.submit(linus, 'mentor:onboard:submit:GOALS', { mentorshipRole: ['BOTH'], mentorshipTypes: ['CAREER_GROWTH', 'CODE_REVIEW'], offeredSkills: [backend!], wantedSkills: [frontend!] });

    // Interrupted: the member comes back later and runs the command again.
    const resumed = await world.command(linus, ['join']);
    expect(visibleText(resumed.response.message)).toContain('Step 3 of 3');
    expect(componentIds(resumed.response.message)[0]).toBe('mentor:onboard:open:SCHEDULE');

    const done = await world.submit(linus, 'mentor:onboard:submit:SCHEDULE', { timezone: 'Europe/Berlin', availability: 'mon 18:00-20:00\nsat 10:00-12:00', menteeCapacity: '2' });
    expect(visibleText(done.response.message)).toContain('Your profile is complete');
    expect(componentIds(done.response.message)).toEqual(['mentor:profile:view']);

    expect(await memberRow(linus)).toMatchObject({
      status: 'ACTIVE', onboarding_step: 'DONE', job_title: 'Platform engineer', years_experience: 7, mentorship_role: 'BOTH', timezone: 'Europe/Berlin', mentee_capacity: 2,
    });
    const skills = await database.db.selectFrom('member_skills').select(['skill_id', 'direction']).where('member_id', '=', (await memberRow(linus))!.id).orderBy('direction').execute();
    expect(skills).toEqual([{ skill_id: Number(backend), direction: 'OFFER' }, { skill_id: Number(frontend), direction: 'SEEK' }]);

    const profile = await world.command(linus, ['profile']);
    expect(visibleText(profile.response.message)).toContain('Platform engineer');
    expect(visibleText(profile.response.message)).toContain(`<@${linus.id}>`);
  });

  it('names the field to fix when a modal value is invalid, saves nothing, and offers the form again', async () => {
    const barbara = world.person('barbara');
    await world.command(barbara, ['join']);
    const refused = await world.submit(barbara, 'mentor:onboard:submit:PROFILE', { jobTitle: 'Architect', yearsExperience: 'lots', bio: '' });
    expect(refused.response.ephemeral).toBe(true);
    const text = visibleText(refused.response.message);
    expect(text).toContain('Years of experience in tech');
    expect(text).toContain('whole number');
    expect(componentIds(refused.response.message)).toEqual(['mentor:onboard:open:PROFILE']);
    expect(await memberRow(barbara)).toMatchObject({ onboarding_step: 'PROFILE', job_title: null, years_experience: null });

    // The reopened form is the same step, ready for a corrected answer.
    const reopened = await world.press(barbara, 'mentor:onboard:open:PROFILE');
    expect(reopened.response.modal?.custom_id).toBe('mentor:onboard:submit:PROFILE');
  });

  it('politely refuses a button pressed by someone it was not shown to, and changes nothing for them', async () => {
    const shownTo = world.person('ken');
    const intruder = world.person('dennis');
    await world.command(shownTo, ['join']);
    const pressed = await world.press(intruder, 'mentor:onboard:open:PROFILE', shownTo);
    expect(pressed.response.callbackType).toBe(callbackType.message);
    expect(pressed.response.ephemeral).toBe(true);
    expect(visibleText(pressed.response.message)).toMatch(/belongs to a message for someone else/);
    expect(await memberRow(intruder)).toBeUndefined();
  });
});

describe('profile, settings and data', () => {
  it('exports the member data as a private JSON attachment', async () => {
    const margaret = world.person('margaret');
    await onboardThroughProfile(margaret);
    const exported = await world.command(margaret, ['data', 'export']);
    expect(exported.response.ephemeral).toBe(true);
    expect(exported.response.files).toHaveLength(1);
    const [file] = exported.response.files;
    expect(file?.name).toMatch(/^my-mentorship-data-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(file!.text) as { format: string; member: { jobTitle: string; platformUserId: string } };
    expect(document.format).toBe('mentorship-bot/member-data');
    expect(document.member).toMatchObject({ jobTitle: 'Backend developer', platformUserId: margaret.id });
  });

  it('asks before erasing, then erases', async () => {
    const edsger = world.person('edsger');
    await onboardThroughProfile(edsger);
    const asked = await world.command(edsger, ['data', 'delete']);
    expect(componentIds(asked.response.message)).toEqual(['mentor:data:erase', 'mentor:data:keep']);
    expect((await memberRow(edsger))?.erased_at).toBeNull();

    const kept = await world.press(edsger, 'mentor:data:keep');
    expect(visibleText(kept.response.message)).toBe('Nothing was erased.');
    const erased = await world.press(edsger, 'mentor:data:erase');
    expect(visibleText(erased.response.message)).toContain('Your personal data has been erased');
    expect(await memberRow(edsger)).toBeUndefined();
  });

  it('opens the notification settings as a modal and saves them, naming a bad field', async () => {
    const frances = world.person('frances');
    await onboardThroughProfile(frances);
    const form = await world.command(frances, ['settings']);
    expect(form.response.modal?.custom_id).toBe('mentor:notifications:save');

    const refused = await world.submit(frances, 'mentor:notifications:save', { dmKinds: ['requests'], digest: ['daily'], quietHours: 'late' });
    expect(visibleText(refused.response.message)).toContain('Quiet hours in your timezone');
    const saved = await world.submit(frances, 'mentor:notifications:save', { dmKinds: ['requests'], digest: ['daily'], quietHours: '23:00-07:00' });
    expect(visibleText(saved.response.message)).toContain('saved');
    expect((await memberRow(frances))?.notification_preferences).toMatchObject({ digest: 'daily', quietHours: { start: '23:00', end: '07:00' } });
  });

  it('tells someone who has not joined to start with the join command', async () => {
    const { response } = await world.command(world.person('tim'), ['data', 'export']);
    expect(visibleText(response.message)).toContain('start with the join command');
  });

  it('suggests skills while typing', async () => {
    const { response } = await world.suggest(world.owner, ['find'], { skill: { type: 'string', value: 'dat', focused: true } });
    expect(response.callbackType).toBe(callbackType.autocomplete);
    expect([...(response.choices ?? [])].sort((a, b) => a.name.localeCompare(b.name))).toEqual([{ name: 'Data Science', value: 'data-science' }, { name: 'Databases', value: 'databases' }]);
  });
});

describe('setup', () => {
  it('names exactly the permissions the bot lacks in the chosen channel', async () => {
    const { response } = await world.command(world.owner, ['setup'], { channel: { type: 'channel', channel: world.lockedChannel } });
    expect(visibleText(response.message)).toContain('missing these permissions');
    expect(visibleText(response.message)).toContain(': Create Private Threads, Manage Threads.');
  });

  it('stores a channel where the bot can run private threads', async () => {
    const { response } = await world.command(world.owner, ['setup'], { channel: { type: 'channel', channel: world.channel } });
    expect(visibleText(response.message)).toContain(`<#${world.channel.id}>`);
    const row = await database.db.selectFrom('communities').select('settings').where('id', '=', await communityId()).executeTakeFirstOrThrow();
    expect(row.settings).toMatchObject({ mentorshipChannelId: world.channel.id });
  });

  it('explains a channel it cannot see (deleted), and refuses members who are not owners', async () => {
    const gone = { id: world.discord.nextId(), name: 'deleted', type: 0, guildId: world.guild.id };
    const deleted = await world.command(world.owner, ['setup'], { channel: { type: 'channel', channel: gone } });
    expect(visibleText(deleted.response.message)).toContain('cannot see that channel');
    const member = world.person('alan');
    await onboardThroughProfile(member);
    const refused = await world.command(member, ['setup'], { channel: { type: 'channel', channel: world.channel } });
    expect(visibleText(refused.response.message)).toContain('Only admins and owners can do this.');
  });
});

describe('admin site link', () => {
  it('gives an owner a private, single-use login link under the public URL', async () => {
    const { response } = await world.command(world.owner, ['admin']);
    expect(response.ephemeral).toBe(true);
    const text = visibleText(response.message);
    expect(text).toMatch(new RegExp(`${publicUrl}/login/[A-Za-z0-9_-]+`));
    const owner = await database.db.selectFrom('members').select('id').where('community_id', '=', await communityId()).where('platform_user_id', '=', world.owner.id).executeTakeFirstOrThrow();
    const links = await database.db.selectFrom('login_links').select(['member_id', 'expires_at']).where('member_id', '=', owner.id).execute();
    expect(links).toHaveLength(1);
    expect(links[0]!.expires_at.getTime()).toBeGreaterThan(Date.now());
  });

  it('politely refuses a regular member and stores no link', async () => {
    const grace = world.person('grace');
    await onboardThroughProfile(grace);
    const { response } = await world.command(grace, ['admin']);
    expect(response.ephemeral).toBe(true);
    expect(visibleText(response.message)).toContain('Only admins and owners can do this.');
    expect(visibleText(response.message)).not.toContain('/login/');
    const member = await memberRow(grace);
    expect(await database.db.selectFrom('login_links').select('id').where('member_id', '=', member!.id).execute()).toEqual([]);
  });
});

describe('members arriving and leaving', () => {
  it('welcomes a member who joins the server by DM, pointing at /mentor join', async () => {
    const newcomer = world.person('katherine');
    world.discord.gateway.dispatch('GUILD_MEMBER_ADD', { ...memberObject(newcomer), guild_id: world.guild.id });
    const dm = await world.discord.waitForRequest((request) => request.method === 'POST' && request.path === '/users/@me/channels' && request.body?.recipient_id === newcomer.id);
    expect(dm.body).toEqual({ recipient_id: newcomer.id });
    const sent = await world.discord.waitForRequest((request) => request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path) && JSON.stringify(request.body).includes('Welcome'));
    expect(JSON.stringify(sent.body)).toContain('/mentor join');
  });

  it('logs and moves on when a newcomer does not accept DMs (50007)', async () => {
    const closed = world.person('closed-dms');
    world.discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, { status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } });
    world.discord.gateway.dispatch('GUILD_MEMBER_ADD', { ...memberObject(closed), guild_id: world.guild.id });
    await expect.poll(() => world.log.entries.some((entry) => entry.message.includes('does not accept DMs') && entry.fields.userId === closed.id)).toBe(true);
  });

  it('marks a member who leaves the server as LEFT', async () => {
    const leaver = world.person('leaver');
    await onboardThroughProfile(leaver);
    world.discord.gateway.dispatch('GUILD_MEMBER_REMOVE', { guild_id: world.guild.id, user: userObject(leaver) });
    await expect.poll(async () => (await memberRow(leaver))?.status).toBe('LEFT');
  });
});

describe('thread activity', () => {
  it('passes messages in threads to the activity hook, without content', async () => {
    const recorded: unknown[] = [];
    const local = await startDiscordWorld({ db: database.db, recordSpaceActivity: async (activity) => void recorded.push(activity) });
    try {
      const author = local.person('pair-member');
      const thread = { id: local.discord.nextId(), name: 'mentorship-1', type: 12, guildId: local.guild.id, parentId: local.channel.id, ownerId: local.discord.bot.id };
      local.discord.gateway.dispatch('THREAD_CREATE', { ...channelObject(thread), newly_created: true });
      const message = { id: local.discord.nextId(), channel_id: thread.id, guild_id: local.guild.id, author: userObject(author), member: memberObject(author), content: 'private words', timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0 };
      local.discord.gateway.dispatch('MESSAGE_CREATE', message);
      local.discord.gateway.dispatch('MESSAGE_CREATE', { ...message, id: local.discord.nextId(), channel_id: local.channel.id });
      await expect.poll(() => recorded.length).toBe(1);
      expect(recorded[0]).toEqual({ platform: 'discord', communityExternalId: local.guild.id, spaceId: thread.id, authorPlatformUserId: author.id, at: expect.any(Date) });
      expect(JSON.stringify(recorded)).not.toContain('private words');
    } finally {
      await local.stop();
    }
  });
});

describe('failures', () => {
  it('logs an interaction whose token expired and keeps serving the next one', async () => {
    const user = world.person('late');
    const context = world.context(user);
    world.discord.expireToken(context.token);
    world.push(slashCommand({ ...context, commandId: world.discord.nextId(), path: ['help'] }));
    await expect.poll(() => world.log.entries.some((entry) => entry.message === 'interaction expired before the bot answered' && entry.fields.interactionId === context.id)).toBe(true);
    const next = await world.command(user, ['help']);
    expect(visibleText(next.response.message)).toContain('/mentor join');
  });

  it('answers a button it no longer knows as out of date', async () => {
    const user = world.person('stale');
    const unknown = await world.press(user, 'mentor:onboard:submit:NOT_A_STEP');
    expect(visibleText(unknown.response.message)).toContain('out of date');
    const foreign = await world.press(user, 'another-bot:thing');
    expect(visibleText(foreign.response.message)).toContain('out of date');
  });

  it('survives malformed gateway payloads and keeps serving', async () => {
    world.discord.gateway.dispatch('INTERACTION_CREATE', { id: world.discord.nextId(), type: 2, guild_id: world.guild.id });
    world.discord.gateway.dispatch('INTERACTION_CREATE', { id: world.discord.nextId(), type: 99 });
    world.discord.gateway.dispatch('GUILD_MEMBER_REMOVE', { guild_id: world.guild.id });
    const after = await world.command(world.owner, ['help']);
    expect(visibleText(after.response.message)).toContain('For admins');
    const dropped = world.log.entries.filter((entry) => entry.message === 'dropped a malformed Discord gateway payload').map((entry) => entry.fields.event);
    expect(dropped).toEqual(['INTERACTION_CREATE', 'GUILD_MEMBER_REMOVE']);
  });
});
