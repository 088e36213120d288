import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysTo } from '../../core/mentorships/calendar.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { systemClock } from '../../core/ports/clock.js';
import { makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { directMessageButtonPress, directMessageModalSubmit, slashCommand, type Interaction, type ModalValues, type SlashOptionValue } from '../../test/fake-discord/interactions.js';
import type { FakeChannel, FakeUser } from '../../test/fake-discord/payloads.js';
import { callbackType, componentIds, responseTo, visibleText } from '../../test/fake-discord/responses.js';
import { startDiscordWorld, type DiscordWorld } from '../../test/fake-discord/world.js';
import { drainOutbox } from '../../test/outbox-fixtures.js';

/**
 * The relation from both sides, through the real discord.js client against
 * the fake Discord: a mentee finds a mentor and sends a request, the mentor
 * answers it from the DM the outbox delivered, the pair's private thread is
 * created, and the pair pauses, resumes and ends the mentorship from inside it.
 */
const database = useTestDatabase();
let world: DiscordWorld;
let dispatcher: OutboxDispatcher;
let community: BuiltCommunity;

beforeAll(async () => {
  world = await startDiscordWorld({ db: database.db });
  dispatcher = createOutboxDispatcher({ db: database.db, clock: systemClock, deliveries: [world.adapter.delivery], workerId: 'relations-journeys', rateLimits: { discord: null } });
  const row = await database.db.selectFrom('communities').select(['id', 'timezone']).where('platform', '=', 'discord').where('external_id', '=', world.guild.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: 'discord', externalId: world.guild.id, timezone: row.timezone };
});
afterAll(async () => {
  await world?.stop();
});

const deliverOutbox = () => drainOutbox(dispatcher);

async function exchange(interaction: Interaction) {
  world.push(interaction);
  return { interaction, response: await responseTo(world.discord, interaction) };
}

function dmChannelOf(user: FakeUser): FakeChannel {
  const channel = [...world.discord.channels.values()].find((candidate) => candidate.type === 1 && candidate.recipients?.[0]?.id === user.id);
  if (!channel) throw new Error(`no DM channel with ${user.username} yet`);
  return channel;
}

const dmContext = (user: FakeUser) => ({
  id: world.discord.nextId(), token: `token-${world.discord.nextId()}`, applicationId: world.discord.applicationId, user, channel: dmChannelOf(user), bot: world.discord.bot,
});

/** A button pressed on a DM the outbox sent to `user`. */
const pressInDm = (user: FakeUser, customId: string) => exchange(directMessageButtonPress({ ...dmContext(user), customId, messageId: world.discord.nextId() }));
const submitInDm = (user: FakeUser, customId: string, values: ModalValues) => exchange(directMessageModalSubmit({ ...dmContext(user), customId, values }));
/** `/mentor …` typed in a given channel or thread. */
const commandIn = (user: FakeUser, channel: FakeChannel, path: string[], options: Record<string, SlashOptionValue> = {}) =>
  exchange(slashCommand({ ...world.context(user), channel, commandId: world.discord.nextId(), path, options }));

/** The messages the bot posted in a channel (DM or thread), newest last. */
const postedIn = (channelId: string) => world.discord.requestsTo('POST', new RegExp(`^/channels/${channelId}/messages$`)).map((request) => request.body ?? {});

/** Today in the community's timezone (UTC), as the core reads dates. */
const today = () => new Date().toISOString().slice(0, 10);

const mentorshipRow = (id: number) =>
  database.db.selectFrom('mentorships').select(['status', 'paused_until', 'space_id', 'description']).where('id', '=', id).executeTakeFirstOrThrow();

describe('a mentorship from request to early end', () => {
  let mentee: FakeUser;
  let mentor: FakeUser;
  let menteeRow: BuiltMember;
  let mentorRow: BuiltMember;
  let requestId: number;
  let thread: FakeChannel;

  beforeAll(async () => {
    const setup = await world.command(world.owner, ['setup'], { channel: { type: 'channel', channel: world.channel } });
    expect(visibleText(setup.response.message)).toContain(`<#${world.channel.id}>`);
    mentee = world.person('alice');
    mentor = world.person('bob');
    menteeRow = await makeMember(database.db, community, { platformUserId: mentee.id, displayName: 'Alice', mentorshipRole: 'MENTEE', skills: [{ slug: 'frontend', direction: 'SEEK', level: 2 }] });
    mentorRow = await makeMember(database.db, community, { platformUserId: mentor.id, displayName: 'Bob', mentorshipRole: 'MENTOR', skills: [{ slug: 'frontend', direction: 'OFFER', level: 4 }] });
  });

  it('/mentor find shows the mentor with the reasons and a Request button', async () => {
    const { response } = await world.command(mentee, ['find']);
    expect(response.ephemeral).toBe(true);
    const text = visibleText(response.message);
    expect(text).toContain('Suggested mentors');
    expect(text).toContain(`<@${mentor.id}>`);
    expect(text).toContain('Frontend');
    expect(componentIds(response.message)[0]).toBe(`mentor:request:start:${mentorRow.id}`);

    const bySkill = await world.command(mentee, ['find'], { skill: { type: 'string', value: 'frontend' }, 'looking-for': { type: 'string', value: 'mentor' } });
    expect(visibleText(bySkill.response.message)).toContain(`<@${mentor.id}>`);
    const unknown = await world.command(mentee, ['find'], { skill: { type: 'string', value: 'cobol' } });
    expect(visibleText(unknown.response.message)).toContain('"cobol" is not a skill in this community\'s catalog');
  });

  it('/mentor request opens the form; an invalid answer is named and nothing is stored', async () => {
    const { response } = await world.command(mentee, ['request'], { member: { type: 'user', user: mentor } });
    expect(response.callbackType).toBe(callbackType.modal);
    expect(response.modal?.custom_id).toBe(`mentor:request:send:${mentorRow.id}`);

    const refused = await world.submit(mentee, `mentor:request:send:${mentorRow.id}`, { senderRole: ['MENTEE'], description: 'Help', endDate: 'soon' });
    expect(refused.response.ephemeral).toBe(true);
    const text = visibleText(refused.response.message);
    expect(text).toContain('What do you want to work on?');
    expect(text).toContain('at least 20 characters');
    expect(text).toContain('Until (YYYY-MM-DD)');
    expect(componentIds(refused.response.message)).toEqual([`mentor:request:start:${mentorRow.id}`]);
    expect(await database.db.selectFrom('mentorships').select('id').where('community_id', '=', community.id).execute()).toEqual([]);

    // The reopened form is the request form again.
    const reopened = await world.press(mentee, `mentor:request:start:${mentorRow.id}`);
    expect(reopened.response.modal?.custom_id).toBe(`mentor:request:send:${mentorRow.id}`);
  });

  it('sends the request; the mentor gets it by DM through the outbox', async () => {
    const endDate = addDaysTo(today(), 8 * 7);
    const sent = await world.submit(mentee, `mentor:request:send:${mentorRow.id}`, { senderRole: ['MENTEE'], description: 'Learn to test React components with confidence', endDate });
    expect(visibleText(sent.response.message)).toContain(`Your request was sent to <@${mentor.id}>`);
    const row = await database.db.selectFrom('mentorships').select(['id', 'status', 'mentor_id', 'mentee_id']).where('community_id', '=', community.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'PENDING', mentor_id: mentorRow.id, mentee_id: menteeRow.id });
    requestId = row.id;

    await deliverOutbox();
    const dm = postedIn(dmChannelOf(mentor).id).at(-1);
    expect(visibleText(dm ?? null)).toContain(`<@${mentee.id}> would like you to mentor them.`);
    expect(componentIds(dm ?? null)).toEqual([`mentor:request:accept:${requestId}`, `mentor:request:reject:${requestId}`, `mentor:request:ask-detail:${requestId}`]);

    const mine = await world.command(mentee, ['requests']);
    expect(visibleText(mine.response.message)).toContain(`You asked <@${mentor.id}> to mentor you`);
    expect(componentIds(mine.response.message)).toEqual([`mentor:request:withdraw:${requestId}`]);
    const requests = await world.command(mentor, ['requests']);
    expect(componentIds(requests.response.message)).toEqual([`mentor:request:accept:${requestId}`, `mentor:request:reject:${requestId}`, `mentor:request:ask-detail:${requestId}`]);
  });

  it('asks for more detail from the DM: a form, then the question reaches the mentee', async () => {
    const form = await pressInDm(mentor, `mentor:request:ask-detail:${requestId}`);
    expect(form.response.modal?.custom_id).toBe(`mentor:request:ask-detail:${requestId}`);
    const asked = await submitInDm(mentor, `mentor:request:ask-detail:${requestId}`, { question: 'Which testing library do you use today?' });
    expect(visibleText(asked.response.message)).toContain('Your question was sent');
    await deliverOutbox();
    const toMentee = postedIn(dmChannelOf(mentee).id).at(-1);
    expect(visibleText(toMentee ?? null)).toContain('Which testing library do you use today?');
    expect(componentIds(toMentee ?? null)).toEqual([`mentor:request:withdraw:${requestId}`]);
  });

  it('politely refuses the mentor pressing the mentee\'s Withdraw button, and changes nothing', async () => {
    const { response } = await pressInDm(mentor, `mentor:request:withdraw:${requestId}`);
    expect(response.ephemeral).toBe(true);
    expect(visibleText(response.message)).toBe('Only the member who sent this request can withdraw this.');
    expect((await mentorshipRow(requestId)).status).toBe('PENDING');
  });

  it('the mentor accepts in the DM; the private thread is created with both members', async () => {
    const accepted = await pressInDm(mentor, `mentor:request:accept:${requestId}`);
    expect(accepted.response.ephemeral).toBe(true);
    expect(visibleText(accepted.response.message)).toBe('You accepted the request.');
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');

    const again = await pressInDm(mentor, `mentor:request:accept:${requestId}`);
    expect(visibleText(again.response.message)).toBe('This mentorship was already accepted.');

    await deliverOutbox();
    const created = world.discord.requestsTo('POST', new RegExp(`^/channels/${world.channel.id}/threads$`));
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ type: 12, invitable: false });
    const { space_id: spaceId } = await mentorshipRow(requestId);
    thread = world.discord.channels.get(spaceId!)!;
    expect(thread).toMatchObject({ type: 12, parentId: world.channel.id, invitable: false });
    const added = world.discord.requestsTo('PUT', new RegExp(`^/channels/${thread.id}/thread-members/\\d+$`)).map((request) => request.path.split('/').at(-1));
    expect(new Set(added)).toEqual(new Set([mentee.id, mentor.id]));
    expect(visibleText(postedIn(thread.id)[0] ?? null)).toContain('Your mentorship agreement');
    expect(visibleText(postedIn(dmChannelOf(mentee).id).at(-1) ?? null)).toContain('accepted your mentorship request');

    const home = await world.command(mentee, ['home']);
    expect(visibleText(home.response.message)).toContain('Learn to test React components with confidence');
    expect(visibleText(home.response.message)).toContain(`Mentored by <@${mentor.id}>`);
  });

  it('/mentor pause inside the thread applies to that mentorship, naming a bad date', async () => {
    // A second mentorship, so the command has to tell them apart.
    const other = await makeMember(database.db, community, { platformUserId: world.person('carol').id, displayName: 'Carol', mentorshipRole: 'MENTOR' });
    await makeMentorship(database.db, community, { mentor: other, mentee: menteeRow, description: 'Write a first conference talk', endDate: addDaysTo(today(), 60) });
    const outside = await world.command(mentee, ['pause']);
    expect(visibleText(outside.response.message)).toContain('Which one do you mean?');
    expect(componentIds(outside.response.message)).toEqual(['mentor:pick:mentorship:pause']);
    const picked = await world.choose(mentee, 'mentor:pick:mentorship:pause', [String(requestId)]);
    expect(picked.response.modal?.custom_id).toBe(`mentor:mentorship:pause:${requestId}`);

    const { response } = await commandIn(mentee, thread, ['pause']);
    expect(response.modal?.custom_id).toBe(`mentor:mentorship:pause:${requestId}`);

    const refused = await world.submit(mentee, `mentor:mentorship:pause:${requestId}`, { until: 'next week', reason: '' });
    expect(visibleText(refused.response.message)).toContain('Resume on (YYYY-MM-DD)');
    expect(componentIds(refused.response.message)).toEqual([`mentor:mentorship:pause:${requestId}`]);
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');

    const until = addDaysTo(today(), 7);
    const paused = await world.submit(mentee, `mentor:mentorship:pause:${requestId}`, { until, reason: 'Conference week' });
    expect(visibleText(paused.response.message)).toBe(`The mentorship is paused until ${until}.`);
    expect(await mentorshipRow(requestId)).toMatchObject({ status: 'PAUSED', paused_until: until });
  });

  it('/mentor resume runs it again', async () => {
    const { response } = await commandIn(mentor, thread, ['resume']);
    expect(visibleText(response.message)).toBe('The mentorship is running again.');
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');
  });

  it('/mentor end asks first, then takes a reason and ends it; the thread gets the closing message', async () => {
    const asked = await commandIn(mentee, thread, ['end']);
    expect(visibleText(asked.response.message)).toContain('End your mentorship "Learn to test React components with confidence"');
    expect(componentIds(asked.response.message)).toEqual([`mentor:mentorship:end:${requestId}`, `mentor:mentorship:keep:${requestId}`]);
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');

    const kept = await world.press(mentee, `mentor:mentorship:keep:${requestId}`);
    expect(visibleText(kept.response.message)).toContain('Nothing changed');

    const form = await world.press(mentee, `mentor:mentorship:end:${requestId}`);
    expect(form.response.modal?.custom_id).toBe(`mentor:mentorship:end:${requestId}`);
    const ended = await world.submit(mentee, `mentor:mentorship:end:${requestId}`, { reason: 'I changed teams and have no time left' });
    expect(visibleText(ended.response.message)).toBe('You ended the mentorship.');
    expect((await mentorshipRow(requestId)).status).toBe('CANCELLED');

    await deliverOutbox();
    const closing = postedIn(thread.id).at(-1) ?? null;
    expect(visibleText(closing)).toContain('This mentorship has ended');
    expect(componentIds(closing)).toEqual([`mentor:feedback:final:${requestId}`]);
    expect(world.discord.channels.get(thread.id)).toMatchObject({ archived: true, locked: true });
    expect(visibleText(postedIn(dmChannelOf(mentor).id).at(-1) ?? null)).toContain('I changed teams and have no time left');

    const nothingLeft = await commandIn(mentor, thread, ['resume']);
    expect(visibleText(nothingLeft.response.message)).toBe('You have no paused mentorship to resume.');
  });
});

describe('a DM button from a server the person has left', () => {
  it('answers that they are no longer in it and changes nothing; someone still in it is let through', async () => {
    const [erin, frank] = [world.person('erin'), world.person('frank')];
    const erinRow = await makeMember(database.db, community, { platformUserId: erin.id, displayName: 'Erin', mentorshipRole: 'MENTOR' });
    const frankRow = await makeMember(database.db, community, { platformUserId: frank.id, displayName: 'Frank', mentorshipRole: 'MENTEE' });
    const { id } = await makeMentorship(database.db, community, { mentor: erinRow, mentee: frankRow, status: 'PENDING' });
    for (const user of [erin, frank]) {
      const channel: FakeChannel = { id: world.discord.nextId(), name: '', type: 1, recipients: [{ id: user.id, username: user.username }] };
      world.discord.channels.set(channel.id, channel);
    }
    // Erin left while the bot was not listening: the client never saw her, Discord no longer knows her there.
    world.discord.removeMember(world.guild.id, erin.id);

    const refused = await pressInDm(erin, `mentor:request:accept:${id}`);
    expect(refused.response.ephemeral).toBe(true);
    expect(visibleText(refused.response.message)).toBe(`You are no longer a member of ${world.guild.name}, so this does nothing there. Rejoin the server to take part in its program again.`);
    expect(world.discord.requestsTo('GET', new RegExp(`^/guilds/${world.guild.id}/members/${erin.id}$`))).toHaveLength(1);
    expect((await mentorshipRow(id)).status).toBe('PENDING');

    const withdrawn = await pressInDm(frank, `mentor:request:withdraw:${id}`);
    expect(visibleText(withdrawn.response.message)).toBe('You withdrew the request.');
    expect(world.discord.requestsTo('GET', new RegExp(`^/guilds/${world.guild.id}/members/${frank.id}$`))).toHaveLength(1);
    expect((await mentorshipRow(id)).status).toBe('WITHDRAWN');
  });
});
