import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceActivityRecorder } from '../../bot/space-activity.js';
import { createScheduler } from '../../core/jobs/scheduler.js';
import { sessionRemindersJob } from '../../core/jobs/toolkit-jobs.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { quietHoursDeferral } from '../../core/outbox/quiet-hours.js';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import {
  buttonPress, directMessageButtonPress, modalSubmit, slashCommand, type Interaction, type ModalValues, type SlashOptionValue,
} from '../../test/fake-discord/interactions.js';
import { memberObject, userObject, type FakeChannel, type FakeUser } from '../../test/fake-discord/payloads.js';
import { callbackType, componentIds, responseTo, visibleText, type InteractionResponse } from '../../test/fake-discord/responses.js';
import { recordingLog, startDiscordWorld, type DiscordWorld } from '../../test/fake-discord/world.js';
import { tablesHolding } from '../../test/stored-text.js';
import { drainOutbox } from '../../test/outbox-fixtures.js';

/**
 * Issue #8's whole journey on Discord, through the real discord.js client
 * against the fake Discord, with nothing built behind the bot's back: two
 * people who never used the bot onboard through every form, the mentee finds
 * the mentor and sends a request, the mentor accepts it from the DM the outbox
 * delivered, the pair's private thread opens, a session is scheduled,
 * confirmed and reminded, a goal is reached while the thread's messages are
 * counted (never stored), and the mentee ends the relation; both review it.
 *
 * The fake clock runs a year ahead of the real one: outbox rows queued "now"
 * take the database's clock, so they are due for the dispatcher (which reads
 * the fake clock), while reminders wait for the fake clock to reach them. The
 * dispatcher honours quiet hours as in production, so every step happens in
 * the members' daytime.
 */
const database = useTestDatabase();
const year = new Date().getUTCFullYear() + 1;
const clock = createFakeClock(`${year}-03-02T10:00:00Z`);
const activityLog = recordingLog();
let world: DiscordWorld;
let dispatcher: OutboxDispatcher;
let communityId: number;

beforeAll(async () => {
  // The activity hook production wires (bot/app.ts): messages in a pair's thread become a count.
  world = await startDiscordWorld({ db: database.db, clock, recordSpaceActivity: spaceActivityRecorder({ db: database.db, clock }, activityLog) });
  dispatcher = createOutboxDispatcher({
    db: database.db, clock, deliveries: [world.adapter.delivery], workerId: 'discord-full-journey', rateLimits: { discord: null }, deferUntil: quietHoursDeferral(database.db),
  });
  ({ id: communityId } = await database.db.selectFrom('communities').select('id').where('platform', '=', 'discord').where('external_id', '=', world.guild.id).executeTakeFirstOrThrow());
});
afterAll(async () => {
  await world?.stop();
});

const deliverOutbox = () => drainOutbox(dispatcher);

async function exchange(interaction: Interaction): Promise<InteractionResponse> {
  world.push(interaction);
  return responseTo(world.discord, interaction);
}

/** `/mentor …` typed in a channel or thread. */
const commandIn = (user: FakeUser, channel: FakeChannel, path: string[], options: Record<string, SlashOptionValue> = {}) =>
  exchange(slashCommand({ ...world.context(user), channel, commandId: world.discord.nextId(), path, options }));
/** A button on the bot's private answer to `user` in a channel or thread. */
const pressIn = (user: FakeUser, channel: FakeChannel, customId: string) =>
  exchange(buttonPress({ ...world.context(user), channel, customId, message: { id: world.discord.nextId(), shownTo: user, bot: world.discord.bot } }));
const submitIn = (user: FakeUser, channel: FakeChannel, customId: string, values: ModalValues) =>
  exchange(modalSubmit({ ...world.context(user), channel, customId, values }));

function dmChannelOf(user: FakeUser): FakeChannel {
  const channel = [...world.discord.channels.values()].find((candidate) => candidate.type === 1 && candidate.recipients?.[0]?.id === user.id);
  if (!channel) throw new Error(`no DM channel with ${user.username} yet`);
  return channel;
}

/** A button pressed on a message the outbox sent to `user`'s DMs. */
const pressInDm = (user: FakeUser, customId: string) =>
  exchange(directMessageButtonPress({
    id: world.discord.nextId(), token: `token-${world.discord.nextId()}`, applicationId: world.discord.applicationId, user, channel: dmChannelOf(user), bot: world.discord.bot,
    customId, messageId: world.discord.nextId(),
  }));

/** The messages the bot posted in a channel, thread or DM, oldest first. */
const postedIn = (channelId: string): Record<string, unknown>[] =>
  world.discord.requestsTo('POST', new RegExp(`^/channels/${channelId}/messages$`)).map((request) => request.body ?? {});
const dmsTo = (user: FakeUser) => postedIn(dmChannelOf(user).id);

const modalInputIds = (response: InteractionResponse): string[] =>
  ((response.modal?.components ?? []) as { component: { custom_id: string } }[]).map((label) => label.component.custom_id);

const memberRow = (user: FakeUser) =>
  database.db
    .selectFrom('members')
    .select(['id', 'status', 'onboarding_step', 'job_title', 'years_experience', 'mentorship_role', 'mentorship_types', 'timezone', 'availability', 'mentee_capacity'])
    .where('community_id', '=', communityId)
    .where('platform_user_id', '=', user.id)
    .executeTakeFirst();

const skillsOf = (memberId: number) =>
  database.db.selectFrom('member_skills as ms').innerJoin('skills as s', 's.id', 'ms.skill_id').select(['s.slug', 'ms.direction', 'ms.level']).where('ms.member_id', '=', memberId).orderBy('s.slug').execute();

/** What one new member answers in each onboarding form. */
interface Answers {
  readonly profile: ModalValues;
  readonly goals: ModalValues;
  /** Level per input id of the skill-levels form (`OFFER-<skill>`, `SEEK-<skill>`). */
  readonly levels: ModalValues;
  readonly schedule: ModalValues;
}

/**
 * `/mentor join` and every step's form, as a member clicks through them:
 * each answer carries the Continue button of the next step, and the answer to
 * the goals form also offers the skill levels, set before the last step,
 * and the answer to the levels carries the Continue button in turn.
 */
async function onboard(user: FakeUser, answers: Answers): Promise<void> {
  const joined = await world.command(user, ['join']);
  expect(joined.response.ephemeral).toBe(true);
  expect(componentIds(joined.response.message)).toEqual(['mentor:onboard:open:PROFILE']);

  const profileForm = await world.press(user, 'mentor:onboard:open:PROFILE');
  expect(profileForm.response.modal?.custom_id).toBe('mentor:onboard:submit:PROFILE');
  const afterProfile = await world.submit(user, 'mentor:onboard:submit:PROFILE', answers.profile);
  expect(visibleText(afterProfile.response.message)).toContain('Step 2 of 3');

  const goalsForm = await world.press(user, 'mentor:onboard:open:GOALS');
  expect(goalsForm.response.modal?.custom_id).toBe('mentor:onboard:submit:GOALS');
  const afterGoals = await world.submit(user, 'mentor:onboard:submit:GOALS', answers.goals);
  expect(visibleText(afterGoals.response.message)).toContain('Step 3 of 3');
  expect(componentIds(afterGoals.response.message)).toEqual(['mentor:onboard:open:SCHEDULE', 'mentor:profile:levels:0']);

  const levelsForm = await world.press(user, 'mentor:profile:levels:0');
  expect(levelsForm.response.modal?.custom_id).toBe('mentor:profile:save-levels:0');
  expect(modalInputIds(levelsForm.response)).toEqual(Object.keys(answers.levels));
  const levelsSaved = await world.submit(user, 'mentor:profile:save-levels:0', answers.levels);
  expect(visibleText(levelsSaved.response.message)).toContain('Levels saved.');
  // Still onboarding: the answer leads on to the last step, with no need to find an earlier message.
  expect(componentIds(levelsSaved.response.message)).toEqual(['mentor:onboard:open:SCHEDULE']);

  const scheduleForm = await world.press(user, 'mentor:onboard:open:SCHEDULE');
  expect(scheduleForm.response.modal?.custom_id).toBe('mentor:onboard:submit:SCHEDULE');
  expect(modalInputIds(scheduleForm.response)).toEqual(Object.keys(answers.schedule));
  const done = await world.submit(user, 'mentor:onboard:submit:SCHEDULE', answers.schedule);
  expect(visibleText(done.response.message)).toContain('Your profile is complete');
}

describe('two strangers, from /mentor join to their reviews', () => {
  let mentor: FakeUser;
  let mentee: FakeUser;
  let mentorId: number;
  let menteeId: number;
  let databasesSkill: number;
  let mentorshipId: number;
  let thread: FakeChannel;
  let sessionId: number;
  const sessionStart = new Date(`${year}-03-10T17:00:00Z`);
  const unix = Math.floor(sessionStart.getTime() / 1000);

  beforeAll(async () => {
    mentor = world.person('grace');
    mentee = world.person('ada');
    ({ id: databasesSkill } = await database.db.selectFrom('skills').select('id').where('community_id', '=', communityId).where('slug', '=', 'databases').executeTakeFirstOrThrow());
  });

  it('an owner chooses the channel where pair threads open', async () => {
    const setup = await world.command(world.owner, ['setup'], { channel: { type: 'channel', channel: world.channel } });
    expect(visibleText(setup.response.message)).toContain(`<#${world.channel.id}>`);
    const { settings } = await database.db.selectFrom('communities').select('settings').where('id', '=', communityId).executeTakeFirstOrThrow();
    expect(settings).toMatchObject({ mentorshipChannelId: world.channel.id });
  });

  it('both onboard through every form: one offers Databases, the other wants it, an hour apart with evenings in common', async () => {
    expect(await memberRow(mentor)).toBeUndefined();
    expect(await memberRow(mentee)).toBeUndefined();
    const skill = String(databasesSkill);

    await onboard(mentor, {
      profile: { jobTitle: 'Database engineer', yearsExperience: '9', bio: 'Postgres internals and query plans.' },
      goals: { mentorshipRole: ['MENTOR'], mentorshipTypes: ['CODE_REVIEW', 'CAREER_GROWTH'], offeredSkills: [skill], wantedSkills: [] },
      levels: { [`OFFER-${skill}`]: ['4'] },
      schedule: { timezone: 'Europe/Lisbon', availability: 'tue 17:00-19:00\nthu 17:00-19:00', menteeCapacity: '2' },
    });
    await onboard(mentee, {
      profile: { jobTitle: 'Junior backend developer', yearsExperience: '1', bio: 'Learning SQL beyond SELECT *.' },
      goals: { mentorshipRole: ['MENTEE'], mentorshipTypes: ['CODE_REVIEW'], offeredSkills: [], wantedSkills: [skill] },
      levels: { [`SEEK-${skill}`]: ['2'] },
      schedule: { timezone: 'Europe/Berlin', availability: 'tue 18:00-20:00\nthu 18:00-20:00' },
    });

    const mentorRow = await memberRow(mentor);
    const menteeRow = await memberRow(mentee);
    expect(mentorRow).toMatchObject({
      status: 'ACTIVE', onboarding_step: 'DONE', job_title: 'Database engineer', years_experience: 9, mentorship_role: 'MENTOR',
      mentorship_types: ['CODE_REVIEW', 'CAREER_GROWTH'], timezone: 'Europe/Lisbon', mentee_capacity: 2,
    });
    expect(menteeRow).toMatchObject({ status: 'ACTIVE', onboarding_step: 'DONE', years_experience: 1, mentorship_role: 'MENTEE', timezone: 'Europe/Berlin' });
    expect(menteeRow?.availability).toHaveLength(2);
    mentorId = mentorRow!.id;
    menteeId = menteeRow!.id;
    expect(await skillsOf(mentorId)).toEqual([{ slug: 'databases', direction: 'OFFER', level: 4 }]);
    expect(await skillsOf(menteeId)).toEqual([{ slug: 'databases', direction: 'SEEK', level: 2 }]);
  });

  it('the mentee finds the mentor with the reasons, and sends a request through the form', async () => {
    const found = await world.command(mentee, ['find']);
    const text = visibleText(found.response.message);
    expect(text).toContain('Suggested mentors');
    expect(text).toContain(`<@${mentor.id}>`);
    expect(text).toContain('offers Databases at level 4, which you want (level 2)');
    expect(text).toContain('4 hours a week free at the same time');
    expect(componentIds(found.response.message)[0]).toBe(`mentor:request:start:${mentorId}`);
    const suggestion = await database.db.selectFrom('suggestions').select(['reasons', 'status']).where('mentor_id', '=', mentorId).where('mentee_id', '=', menteeId).executeTakeFirstOrThrow();
    expect(suggestion.status).toBe('PENDING');
    expect(suggestion.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'timezone', hoursApart: 1 })]));

    const form = await world.command(mentee, ['request'], { member: { type: 'user', user: mentor } });
    expect(form.response.callbackType).toBe(callbackType.modal);
    expect(form.response.modal?.custom_id).toBe(`mentor:request:send:${mentorId}`);
    const sent = await world.submit(mentee, `mentor:request:send:${mentorId}`, {
      senderRole: ['MENTEE'], description: 'Design a schema for my first real project and learn to read query plans', endDate: `${year}-04-30`,
    });
    expect(visibleText(sent.response.message)).toContain(`Your request was sent to <@${mentor.id}>`);

    const request = await database.db.selectFrom('mentorships').select(['id', 'status', 'mentor_id', 'mentee_id', 'sender_id', 'end_date']).where('community_id', '=', communityId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: 'PENDING', mentor_id: mentorId, mentee_id: menteeId, sender_id: menteeId, end_date: `${year}-04-30` });
    mentorshipId = request.id;
  });

  it('the mentor gets the request by DM and accepts it there; the private thread opens with both and the agreement', async () => {
    await deliverOutbox();
    const [requestDm] = dmsTo(mentor);
    expect(visibleText(requestDm ?? null)).toContain(`<@${mentee.id}> would like you to mentor them.`);
    expect(componentIds(requestDm ?? null)).toContain(`mentor:request:accept:${mentorshipId}`);

    const accepted = await pressInDm(mentor, `mentor:request:accept:${mentorshipId}`);
    expect(visibleText(accepted.message)).toBe('You accepted the request.');
    expect(await database.db.selectFrom('mentorships').select(['status', 'space_id']).where('id', '=', mentorshipId).executeTakeFirstOrThrow()).toEqual({ status: 'ACCEPTED', space_id: null });

    await deliverOutbox();
    const created = world.discord.requestsTo('POST', new RegExp(`^/channels/${world.channel.id}/threads$`));
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ type: 12, invitable: false, name: `mentorship-grace-ada-${mentorshipId}` });
    const { space_id: spaceId } = await database.db.selectFrom('mentorships').select('space_id').where('id', '=', mentorshipId).executeTakeFirstOrThrow();
    thread = world.discord.channels.get(spaceId!)!;
    expect(thread).toMatchObject({ type: 12, parentId: world.channel.id });
    const added = world.discord.requestsTo('PUT', new RegExp(`^/channels/${thread.id}/thread-members/\\d+$`)).map((request) => request.path.split('/').at(-1));
    expect(new Set(added)).toEqual(new Set([mentor.id, mentee.id]));
    const agreement = visibleText(postedIn(thread.id)[0] ?? null);
    expect(agreement).toContain('Your mentorship agreement');
    expect(agreement).toContain('Design a schema for my first real project');
    expect(visibleText(dmsTo(mentee).at(-1) ?? null)).toContain('accepted your mentorship request');
  });

  it('the mentee schedules a session in the thread; the mentor confirms it from the DM', async () => {
    const form = await commandIn(mentee, thread, ['session', 'schedule']);
    expect(form.modal?.custom_id).toBe(`mentor:session:propose:${mentorshipId}`);
    const proposed = await submitIn(mentee, thread, `mentor:session:propose:${mentorshipId}`, {
      date: `${year}-03-10`, time: '18:00', durationMinutes: '60', kind: ['VIDEO_CALL'], agenda: 'Review my first schema',
    });
    expect(visibleText(proposed.message)).toContain('Session proposed');
    const session = await database.db.selectFrom('mentoring_sessions').select(['id', 'status', 'starts_at', 'proposed_by']).where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    // 18:00 in Berlin (the mentee's clock) is 17:00 UTC in March.
    expect(session).toMatchObject({ status: 'PROPOSED', starts_at: sessionStart, proposed_by: menteeId });
    sessionId = session.id;

    await deliverOutbox();
    const proposal = dmsTo(mentor).at(-1) ?? null;
    expect(visibleText(proposal)).toContain('Session proposed');
    expect(componentIds(proposal)).toContain(`mentor:session:confirm:${sessionId}`);
    const confirmed = await pressInDm(mentor, `mentor:session:confirm:${sessionId}`);
    expect(visibleText(confirmed.message)).toContain('Session confirmed');
    expect((await database.db.selectFrom('mentoring_sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow()).status).toBe('CONFIRMED');
    await deliverOutbox();
    expect(visibleText(dmsTo(mentee).at(-1) ?? null)).toContain('Session confirmed');
  });

  it('the reminder job and the dispatcher remind both a day and an hour before, with the session time', async () => {
    const scheduler = createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob], replicaId: 'discord-full-journey' });
    const reminders = (user: FakeUser, title: string) => dmsTo(user).filter((message) => visibleText(message).includes(title));

    clock.set(`${year}-03-09T16:55:00Z`);
    await scheduler.tick();
    await deliverOutbox();
    expect(reminders(mentee, 'Session tomorrow')).toHaveLength(0);
    clock.set(`${year}-03-09T17:00:00Z`);
    await deliverOutbox();
    for (const [user, other] of [[mentee, mentor], [mentor, mentee]] as const) {
      const [dayBefore] = reminders(user, 'Session tomorrow');
      expect(visibleText(dayBefore ?? null)).toContain(`Your session with <@${other.id}> starts <t:${unix}:R>.`);
      expect(visibleText(dayBefore ?? null)).toContain(`When: <t:${unix}:F>`);
    }

    clock.set(`${year}-03-10T15:55:00Z`);
    await scheduler.tick();
    await deliverOutbox();
    expect(reminders(mentor, 'Session in an hour')).toHaveLength(0);
    clock.set(`${year}-03-10T16:00:00Z`);
    await deliverOutbox();
    for (const user of [mentee, mentor]) {
      const hourBefore = reminders(user, 'Session in an hour');
      expect(hourBefore).toHaveLength(1);
      expect(visibleText(hourBefore[0] ?? null)).toContain(`<t:${unix}:F>`);
    }
    // Four reminders queued, one per person and time, each delivered once.
    const queued = await database.db
      .selectFrom('outbox')
      .select(['status', sql<string>`payload->'message'->>'title'`.as('title'), sql<number>`(payload->>'recipientMemberId')::int`.as('recipient')])
      .where(sql<string>`payload->'message'->>'title'`, 'in', ['Session tomorrow', 'Session in an hour'])
      .orderBy('id')
      .execute();
    expect(queued.map((row) => `${row.title} ${row.status}`).sort()).toEqual(['Session in an hour SENT', 'Session in an hour SENT', 'Session tomorrow SENT', 'Session tomorrow SENT']);
    expect(new Set(queued.map((row) => row.recipient))).toEqual(new Set([mentorId, menteeId]));
  });

  it('the pair reaches a goal; their messages in the thread are counted, never stored', async () => {
    clock.set(`${year}-03-11T10:00:00Z`);
    const form = await commandIn(mentee, thread, ['goal', 'add']);
    expect(form.modal?.custom_id).toBe(`mentor:goal:save:${mentorshipId}`);
    const added = await submitIn(mentee, thread, `mentor:goal:save:${mentorshipId}`, { title: 'Normalise the orders schema', description: 'To third normal form', dueDate: `${year}-04-15` });
    expect(visibleText(added.message)).toContain('Goal added: "Normalise the orders schema"');
    const goal = await database.db.selectFrom('goals').select(['id', 'status', 'created_by']).where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(goal).toMatchObject({ status: 'OPEN', created_by: menteeId });

    const done = await commandIn(mentor, thread, ['goal', 'done'], { goal: { type: 'string', value: String(goal.id) } });
    expect(visibleText(done.message)).toContain('Goal reached: "Normalise the orders schema"');
    const reached = await database.db.selectFrom('goals').select(['status', 'completed_at']).where('id', '=', goal.id).executeTakeFirstOrThrow();
    expect(reached.status).toBe('DONE');
    expect(reached.completed_at).not.toBeNull();
    await deliverOutbox();
    expect(postedIn(thread.id).some((message) => visibleText(message).includes('marked the goal "Normalise the orders schema" as reached'))).toBe(true);

    const words = 'my salary is 41k and I hate my manager';
    const post = (author: FakeUser, channel: FakeChannel) => world.discord.gateway.dispatch('MESSAGE_CREATE', {
      id: world.discord.nextId(), channel_id: channel.id, guild_id: world.guild.id, author: userObject(author), member: memberObject(author), content: words,
      timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
    });
    post(mentee, thread);
    post(mentor, thread);
    post(mentee, world.channel);
    await expect.poll(async () => (await database.db.selectFrom('mentorships').select('message_count').where('id', '=', mentorshipId).executeTakeFirstOrThrow()).message_count).toBe(2);
    const activity = await database.db.selectFrom('mentorships').select('last_activity_at').where('id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(activity.last_activity_at).not.toBeNull();
    expect(await tablesHolding(database.db, 'hate my manager')).toEqual([]);
    // The scan does find what is stored: the goal's title.
    expect(await tablesHolding(database.db, 'Normalise the orders schema')).toContain('goals');
    expect(JSON.stringify([...world.log.entries, ...activityLog.entries])).not.toContain('hate my manager');
  });

  it('the mentee ends the relation from the thread; the thread is archived and locked', async () => {
    clock.set(`${year}-03-12T10:00:00Z`);
    const asked = await commandIn(mentee, thread, ['end']);
    expect(componentIds(asked.message)).toEqual([`mentor:mentorship:end:${mentorshipId}`, `mentor:mentorship:keep:${mentorshipId}`]);
    const form = await pressIn(mentee, thread, `mentor:mentorship:end:${mentorshipId}`);
    expect(form.modal?.custom_id).toBe(`mentor:mentorship:end:${mentorshipId}`);
    const ended = await submitIn(mentee, thread, `mentor:mentorship:end:${mentorshipId}`, { reason: 'We covered what I needed, thank you' });
    expect(visibleText(ended.message)).toBe('You ended the mentorship.');
    expect(componentIds(ended.message)).toEqual([`mentor:feedback:final:${mentorshipId}`]);
    const row = await database.db.selectFrom('mentorships').select(['status', 'ended_at']).where('id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(row.status).toBe('CANCELLED');
    expect(row.ended_at).toEqual(clock.now());

    await deliverOutbox();
    const closing = postedIn(thread.id).at(-1) ?? null;
    expect(visibleText(closing)).toContain('This mentorship has ended');
    expect(componentIds(closing)).toEqual([`mentor:feedback:final:${mentorshipId}`]);
    expect(world.discord.requestsTo('PATCH', new RegExp(`^/channels/${thread.id}$`)).map((request) => request.body)).toEqual([{ archived: true, locked: true }]);
    expect(world.discord.channels.get(thread.id)).toMatchObject({ archived: true, locked: true });
    expect(visibleText(dmsTo(mentor).at(-1) ?? null)).toContain('We covered what I needed, thank you');
    // The thread asking for feedback is locked: the notice asks too.
    expect(componentIds(dmsTo(mentor).at(-1) ?? null)).toEqual([`mentor:feedback:final:${mentorshipId}`]);
  });

  it('both review it with /mentor feedback; each reads the other’s review, and nobody else can', async () => {
    const menteeForm = await world.command(mentee, ['feedback']);
    expect(menteeForm.response.modal?.custom_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    const menteeReview = await world.submit(mentee, `mentor:feedback:review:${mentorshipId}`, {
      rating: ['5'], wentWell: 'Patient answers about indexes', testimonial: 'Grace made query plans readable.', testimonialPublic: ['yes'],
    });
    expect(visibleText(menteeReview.response.message)).toContain('Thank you for your review');

    const mentorForm = await world.command(mentor, ['feedback']);
    expect(mentorForm.response.modal?.custom_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    const mentorReview = await world.submit(mentor, `mentor:feedback:review:${mentorshipId}`, { rating: ['4'], wentWell: 'Ada came with good questions', testimonial: '', testimonialPublic: ['no'] });
    expect(visibleText(mentorReview.response.message)).toContain('Thank you for your review');

    const feedback = await database.db.selectFrom('feedback').select(['author_id', 'subject_id', 'kind', 'rating', 'testimonial_public']).where('mentorship_id', '=', mentorshipId).orderBy('id').execute();
    expect(feedback).toEqual([
      { author_id: menteeId, subject_id: mentorId, kind: 'FINAL', rating: 5, testimonial_public: true },
      { author_id: mentorId, subject_id: menteeId, kind: 'FINAL', rating: 4, testimonial_public: false },
    ]);

    await deliverOutbox();
    const notice = dmsTo(mentor).at(-1) ?? null;
    expect(visibleText(notice)).toContain(`<@${mentee.id}> left feedback on your mentorship.`);
    expect(componentIds(notice)).toEqual([`mentor:feedback:view:${mentorshipId}`]);
    const mentorReads = await pressInDm(mentor, `mentor:feedback:view:${mentorshipId}`);
    expect(visibleText(mentorReads.message)).toContain('Patient answers about indexes');
    expect(visibleText(mentorReads.message)).toContain('1 received, 1 given.');
    const menteeReads = await pressInDm(mentee, `mentor:feedback:view:${mentorshipId}`);
    expect(visibleText(menteeReads.message)).toContain('Ada came with good questions');

    const owner = await world.press(world.owner, `mentor:feedback:view:${mentorshipId}`);
    expect(owner.response.ephemeral).toBe(true);
    expect(visibleText(owner.response.message)).toBe('That mentorship does not exist, or is not yours.');
  });
});
