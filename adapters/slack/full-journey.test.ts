import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceActivityRecorder } from '../../bot/space-activity.js';
import { completeMentorshipsJob } from '../../core/jobs/mentorship-jobs.js';
import { createScheduler } from '../../core/jobs/scheduler.js';
import { sessionRemindersJob } from '../../core/jobs/toolkit-jobs.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { quietHoursDeferral } from '../../core/outbox/quiet-hours.js';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { actionIds, inputs, visibleText } from '../../test/fake-slack/blocks.js';
import type { FakeUser, RecordedCall, RecordedResponse } from '../../test/fake-slack/fake-slack.js';
import { commandRequest } from '../../test/fake-slack/signed-requests.js';
import { recordingLog, startSlackWorld, type Answer, type SlackWorld } from '../../test/fake-slack/world.js';
import { tablesHolding } from '../../test/stored-text.js';
import { drainOutbox } from '../../test/outbox-fixtures.js';

/**
 * Issue #8's whole journey on Slack, through the real Bolt app (signed
 * requests in, the fake Web API recording calls out), with nothing built
 * behind the bot's back: two people who never used the bot onboard in one
 * modal and set their skill levels, the mentee finds the mentor and sends a
 * request, the mentor accepts it from the DM the outbox delivered, the pair's
 * private channel opens, a session is scheduled, confirmed and reminded, a
 * goal is reached while the channel's messages are counted (never stored),
 * and the relation completes on its end date; both review it.
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
let world: SlackWorld;
let dispatcher: OutboxDispatcher;
let communityId: number;

beforeAll(async () => {
  // The activity hook production wires (bot/app.ts): messages in a pair's channel become a count.
  world = await startSlackWorld({ db: database.db, clock, recordSpaceActivity: spaceActivityRecorder({ db: database.db, clock }, activityLog) });
  dispatcher = createOutboxDispatcher({
    db: database.db, clock, deliveries: [world.adapter.delivery], workerId: 'slack-full-journey', rateLimits: { slack: null }, deferUntil: quietHoursDeferral(database.db),
  });
  ({ id: communityId } = await database.db.selectFrom('communities').select('id').where('platform', '=', 'slack').where('external_id', '=', world.team.id).executeTakeFirstOrThrow());
});
afterAll(async () => {
  await world?.stop();
});

type View = Record<string, unknown> & { id: string; callback_id: string; blocks: unknown[] };

const deliverOutbox = () => drainOutbox(dispatcher);

const openedWith = (triggerId: string): View | undefined => world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId)?.answer.body.view as View | undefined;

/** `/mentor <text>` typed in a channel: what came back on its response URL, and the form it opened. */
async function commandIn(user: FakeUser, channelId: string, text: string): Promise<{ replies: readonly RecordedResponse[]; form: View | undefined }> {
  const triggerId = world.slack.issueTrigger();
  const responseUrl = world.slack.issueResponseUrl();
  await world.post(commandRequest({ team: world.team, user, command: '/mentor', text, channelId, triggerId, responseUrl }, world.signing()));
  return { replies: world.slack.responsesTo(responseUrl), form: openedWith(triggerId) };
}

/** A button on a message in `channelId` (a DM, or a command's answer). */
async function pressOnMessage(user: FakeUser, actionId: string, channelId: string): Promise<{ replies: readonly RecordedResponse[]; form: View | undefined }> {
  const responseUrl = world.slack.issueResponseUrl();
  const { triggerId } = await world.press(user, actionId, { type: 'message', channelId, responseUrl });
  return { replies: world.slack.responsesTo(responseUrl), form: openedWith(triggerId) };
}

/** A button inside the modal `viewId` (as the fake holds it now). */
const pressInModal = (user: FakeUser, actionId: string, viewId: string) => world.press(user, actionId, { type: 'view', view: world.slack.views.get(viewId)! });

const replyText = (result: { replies: readonly RecordedResponse[] }) => visibleText(result.replies[0]?.body.blocks);

/** What a submitted form turned into (`response_action: update`), keeping the id Slack gave the modal. */
function updated(answer: Answer, id: string): View {
  expect(answer.json?.response_action).toBe('update');
  return { ...(answer.json!.view as View), id };
}

/** The DM conversation the bot has with a user. */
function dmOf(user: FakeUser): string {
  const dm = [...world.slack.conversations.values()].find((conversation) => conversation.kind === 'im' && conversation.members.includes(user.id));
  if (!dm) throw new Error(`no DM with ${user.name} yet`);
  return dm.id;
}
const postedIn = (channel: string): RecordedCall[] => world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
const dmsTo = (user: FakeUser): unknown[] => postedIn(dmOf(user)).map((call) => call.args.blocks);

const memberRow = (user: FakeUser) =>
  database.db
    .selectFrom('members')
    .select(['id', 'status', 'onboarding_step', 'job_title', 'years_experience', 'mentorship_role', 'mentorship_types', 'timezone', 'availability', 'mentee_capacity'])
    .where('community_id', '=', communityId)
    .where('platform_user_id', '=', user.id)
    .executeTakeFirst();

const skillsOf = (memberId: number) =>
  database.db.selectFrom('member_skills as ms').innerJoin('skills as s', 's.id', 'ms.skill_id').select(['s.slug', 'ms.direction', 'ms.level']).where('ms.member_id', '=', memberId).orderBy('s.slug').execute();

type FormAnswers = Readonly<Record<string, string | readonly string[]>>;

/** What one new member answers in each form. */
interface Answers {
  readonly profile: FormAnswers;
  readonly goals: FormAnswers;
  readonly schedule: FormAnswers;
  /** Level per input id of the skill-levels form (`OFFER-<skill>`, `SEEK-<skill>`). */
  readonly levels: FormAnswers;
}

/**
 * `/mentor join` opens the first step; each saved step turns the modal into
 * the next one, with the levels of the skills just chosen right after the
 * goals. The finished modal's "View my profile" shows the profile in the same
 * modal, where the levels can be changed later.
 */
async function onboard(user: FakeUser, answers: Answers): Promise<void> {
  const joined = await world.command(user, 'join');
  const profileForm = joined.opened!.answer.body.view as View;
  expect(profileForm.callback_id).toBe('mentor:onboard:submit:PROFILE');
  const goalsForm = updated(await world.submit(user, profileForm, answers.profile), profileForm.id);
  expect(goalsForm.callback_id).toBe('mentor:onboard:submit:GOALS');
  const levelsForm = updated(await world.submit(user, goalsForm, answers.goals), profileForm.id);
  expect(levelsForm.callback_id).toBe('mentor:profile:save-levels:0');
  expect(inputs(levelsForm)).toEqual(Object.keys(answers.levels).map((id) => [id, 'static_select']));
  const scheduleForm = updated(await world.submit(user, levelsForm, answers.levels), profileForm.id);
  expect(scheduleForm.callback_id).toBe('mentor:onboard:submit:SCHEDULE');
  expect(inputs(scheduleForm).map(([id]) => id)).toEqual(Object.keys(answers.schedule));
  const done = updated(await world.submit(user, scheduleForm, answers.schedule), profileForm.id);
  expect(visibleText(done.blocks)).toContain('Your profile is complete');
  expect(actionIds(done.blocks)).toEqual(['mentor:profile:view']);

  await pressInModal(user, 'mentor:profile:view', profileForm.id);
  const profile = world.slack.views.get(profileForm.id)!;
  expect(actionIds(profile.blocks)).toContain('mentor:profile:levels:0');
}

describe('two strangers, from /mentor join to their reviews', () => {
  let mentor: FakeUser;
  let mentee: FakeUser;
  let mentorId: number;
  let menteeId: number;
  let databasesSkill: number;
  let mentorshipId: number;
  let pairChannel: string;
  let sessionId: number;
  const sessionStart = new Date(`${year}-03-10T17:00:00Z`);
  const unix = Math.floor(sessionStart.getTime() / 1000);

  beforeAll(async () => {
    mentor = world.person('grace');
    mentee = world.person('ada');
    ({ id: databasesSkill } = await database.db.selectFrom('skills').select('id').where('community_id', '=', communityId).where('slug', '=', 'databases').executeTakeFirstOrThrow());
  });

  it('an owner checks the setup: pairs get private channels', async () => {
    const { replies } = await commandIn(world.owner, world.channelId, 'setup');
    expect(replyText({ replies })).toContain('the pair gets a private channel with both of them and the bot');
  });

  it('both onboard through the forms and set their levels: one offers Databases, the other wants it, an hour apart with evenings in common', async () => {
    expect(await memberRow(mentor)).toBeUndefined();
    expect(await memberRow(mentee)).toBeUndefined();
    const skill = String(databasesSkill);

    await onboard(mentor, {
      profile: { jobTitle: 'Database engineer', yearsExperience: '9', bio: 'Postgres internals and query plans.' },
      goals: { mentorshipRole: 'MENTOR', mentorshipTypes: ['CODE_REVIEW', 'CAREER_GROWTH'], offeredSkills: [skill], wantedSkills: [] },
      schedule: { timezone: 'Europe/Lisbon', availability: 'tue 17:00-19:00\nthu 17:00-19:00', menteeCapacity: '2' },
      levels: { [`OFFER-${skill}`]: '4' },
    });
    await onboard(mentee, {
      profile: { jobTitle: 'Junior backend developer', yearsExperience: '1', bio: 'Learning SQL beyond SELECT *.' },
      goals: { mentorshipRole: 'MENTEE', mentorshipTypes: ['CODE_REVIEW'], offeredSkills: [], wantedSkills: [skill] },
      schedule: { timezone: 'Europe/Berlin', availability: 'tue 18:00-20:00\nthu 18:00-20:00' },
      levels: { [`SEEK-${skill}`]: '2' },
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
    const found = await world.command(mentee, 'find');
    expect(found.replies[0]?.body.response_type).toBe('ephemeral');
    const text = visibleText(found.replies[0]?.body.blocks);
    expect(text).toContain('Suggested mentors');
    expect(text).toContain(`<@${mentor.id}>`);
    expect(text).toContain('offers Databases at level 4, which you want (level 2)');
    expect(text).toContain('4 hours a week free at the same time');
    expect(actionIds(found.replies[0]?.body.blocks)[0]).toBe(`mentor:request:start:${mentorId}`);
    const suggestion = await database.db.selectFrom('suggestions').select(['reasons', 'status']).where('mentor_id', '=', mentorId).where('mentee_id', '=', menteeId).executeTakeFirstOrThrow();
    expect(suggestion.status).toBe('PENDING');
    expect(suggestion.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'timezone', hoursApart: 1 })]));

    const { form } = await commandIn(mentee, world.channelId, `request <@${mentor.id}|grace>`);
    expect(form?.callback_id).toBe(`mentor:request:send:${mentorId}`);
    const sent = updated(await world.submit(mentee, form!, {
      senderRole: 'MENTEE', description: 'Design a schema for my first real project and learn to read query plans', endDate: `${year}-04-30`,
    }), form!.id);
    expect(visibleText(sent.blocks)).toContain(`Your request was sent to <@${mentor.id}>`);

    const request = await database.db.selectFrom('mentorships').select(['id', 'status', 'mentor_id', 'mentee_id', 'sender_id', 'end_date']).where('community_id', '=', communityId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: 'PENDING', mentor_id: mentorId, mentee_id: menteeId, sender_id: menteeId, end_date: `${year}-04-30` });
    mentorshipId = request.id;
  });

  it('the mentor gets the request by DM and accepts it there; the private channel opens with both and the agreement', async () => {
    await deliverOutbox();
    const [requestDm] = dmsTo(mentor);
    expect(visibleText(requestDm)).toContain(`<@${mentee.id}> would like you to mentor them.`);
    expect(actionIds(requestDm)).toContain(`mentor:request:accept:${mentorshipId}`);

    const accepted = await pressOnMessage(mentor, `mentor:request:accept:${mentorshipId}`, dmOf(mentor));
    expect(replyText(accepted)).toBe('You accepted the request.');
    expect(await database.db.selectFrom('mentorships').select(['status', 'space_id']).where('id', '=', mentorshipId).executeTakeFirstOrThrow()).toEqual({ status: 'ACCEPTED', space_id: null });

    await deliverOutbox();
    const created = world.slack.callsTo('conversations.create');
    expect(created).toHaveLength(1);
    expect(created[0]?.args).toMatchObject({ is_private: 'true' });
    pairChannel = (created[0]!.answer.body.channel as { id: string }).id;
    expect((await database.db.selectFrom('mentorships').select('space_id').where('id', '=', mentorshipId).executeTakeFirstOrThrow()).space_id).toBe(pairChannel);
    expect(new Set(world.slack.conversations.get(pairChannel)?.members)).toEqual(new Set([world.team.botUserId, mentor.id, mentee.id]));
    const agreement = visibleText(postedIn(pairChannel)[0]?.args.blocks);
    expect(agreement).toContain('Your mentorship agreement');
    expect(agreement).toContain('Design a schema for my first real project');
    expect(visibleText(dmsTo(mentee).at(-1))).toContain('accepted your mentorship request');
  });

  it('the mentee schedules a session in the channel; the mentor confirms it from the DM', async () => {
    const { form } = await commandIn(mentee, pairChannel, 'session schedule');
    expect(form?.callback_id).toBe(`mentor:session:propose:${mentorshipId}`);
    const proposed = updated(await world.submit(mentee, form!, { date: `${year}-03-10`, time: '18:00', durationMinutes: '60', kind: 'VIDEO_CALL', agenda: 'Review my first schema' }), form!.id);
    expect(visibleText(proposed.blocks)).toContain('Session proposed');
    const session = await database.db.selectFrom('mentoring_sessions').select(['id', 'status', 'starts_at', 'proposed_by']).where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    // 18:00 in Berlin (the mentee's clock) is 17:00 UTC in March.
    expect(session).toMatchObject({ status: 'PROPOSED', starts_at: sessionStart, proposed_by: menteeId });
    sessionId = session.id;

    await deliverOutbox();
    const proposal = dmsTo(mentor).at(-1);
    expect(visibleText(proposal)).toContain('Session proposed');
    expect(actionIds(proposal)).toContain(`mentor:session:confirm:${sessionId}`);
    expect(replyText(await pressOnMessage(mentor, `mentor:session:confirm:${sessionId}`, dmOf(mentor)))).toContain('Session confirmed');
    expect((await database.db.selectFrom('mentoring_sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow()).status).toBe('CONFIRMED');
    await deliverOutbox();
    expect(visibleText(dmsTo(mentee).at(-1))).toContain('Session confirmed');
  });

  it('the reminder job and the dispatcher remind both a day and an hour before, with the session time', async () => {
    const scheduler = createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob], replicaId: 'slack-full-journey' });
    const reminders = (user: FakeUser, title: string) => dmsTo(user).filter((blocks) => visibleText(blocks).includes(title));

    clock.set(`${year}-03-09T16:55:00Z`);
    await scheduler.tick();
    await deliverOutbox();
    expect(reminders(mentee, 'Session tomorrow')).toHaveLength(0);
    clock.set(`${year}-03-09T17:00:00Z`);
    await deliverOutbox();
    for (const [user, other] of [[mentee, mentor], [mentor, mentee]] as const) {
      const dayBefore = reminders(user, 'Session tomorrow');
      expect(dayBefore).toHaveLength(1);
      expect(visibleText(dayBefore[0])).toContain(`Your session with <@${other.id}> starts <!date^${unix}^{ago}|`);
      expect(visibleText(dayBefore[0])).toContain(`<!date^${unix}^{date_long} {time}|`);
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
      expect(visibleText(hourBefore[0])).toContain(`<!date^${unix}^{date_long} {time}|`);
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

  it('the pair reaches a goal; their messages in the channel are counted, never stored', async () => {
    clock.set(`${year}-03-11T10:00:00Z`);
    const { form } = await commandIn(mentee, pairChannel, 'goal add');
    expect(form?.callback_id).toBe(`mentor:goal:save:${mentorshipId}`);
    const added = updated(await world.submit(mentee, form!, { title: 'Normalise the orders schema', description: 'To third normal form', dueDate: `${year}-04-15` }), form!.id);
    expect(visibleText(added.blocks)).toContain('Goal added: "Normalise the orders schema"');
    const goal = await database.db.selectFrom('goals').select(['id', 'status', 'created_by']).where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(goal).toMatchObject({ status: 'OPEN', created_by: menteeId });

    expect(replyText(await commandIn(mentor, pairChannel, 'goal done orders schema'))).toContain('Goal reached: "Normalise the orders schema"');
    const reached = await database.db.selectFrom('goals').select(['status', 'completed_at']).where('id', '=', goal.id).executeTakeFirstOrThrow();
    expect(reached.status).toBe('DONE');
    expect(reached.completed_at).not.toBeNull();
    await deliverOutbox();
    expect(postedIn(pairChannel).some((call) => visibleText(call.args.blocks).includes('marked the goal "Normalise the orders schema" as reached'))).toBe(true);

    const words = 'my salary is 41k and I hate my manager';
    const ts = `${Math.floor(clock.now().getTime() / 1000)}.000100`;
    const message = (user: FakeUser, channel: string, channelType: string) => ({ type: 'message', channel, channel_type: channelType, user: user.id, text: words, ts, event_ts: ts });
    await world.event(message(mentee, pairChannel, 'group'));
    await world.event(message(mentor, pairChannel, 'group'));
    await world.event(message(mentee, world.channelId, 'channel'));
    const activity = await database.db.selectFrom('mentorships').select(['message_count', 'last_activity_at']).where('id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(activity).toEqual({ message_count: 2, last_activity_at: clock.now() });
    expect(await tablesHolding(database.db, 'hate my manager')).toEqual([]);
    // The scan does find what is stored: the goal's title.
    expect(await tablesHolding(database.db, 'Normalise the orders schema')).toContain('goals');
    expect(JSON.stringify([...world.log.entries, ...activityLog.entries])).not.toContain('hate my manager');
  });

  it('the complete job ends the relation on its end date; the channel gets the closing message, then is archived', async () => {
    const scheduler = createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob, completeMentorshipsJob], replicaId: 'slack-full-journey' });
    clock.set(`${year}-04-30T12:00:00Z`);
    await scheduler.tick();
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', mentorshipId).executeTakeFirstOrThrow()).status).toBe('ACCEPTED');

    clock.set(`${year}-05-01T09:00:00Z`);
    await scheduler.tick();
    const row = await database.db.selectFrom('mentorships').select(['status', 'ended_at']).where('id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(row.status).toBe('COMPLETED');
    expect(row.ended_at).not.toBeNull();

    await deliverOutbox();
    const closing = postedIn(pairChannel).at(-1);
    expect(visibleText(closing?.args.blocks)).toContain('This mentorship reached its end date');
    expect(actionIds(closing?.args.blocks)).toEqual([`mentor:feedback:final:${mentorshipId}`]);
    expect(world.slack.callsTo('conversations.archive').map((call) => call.args.channel)).toEqual([pairChannel]);
    expect(world.slack.conversations.get(pairChannel)?.archived).toBe(true);
    // The archived channel is no place to ask for feedback: each is thanked by DM, with the button.
    for (const [user, other] of [[mentor, mentee], [mentee, mentor]] as const) {
      const thanks = dmsTo(user).at(-1);
      expect(visibleText(thanks)).toContain(`Your mentorship with <@${other.id}>`);
      expect(visibleText(thanks)).toContain('is now complete. Thank you');
      expect(actionIds(thanks)).toEqual([`mentor:feedback:final:${mentorshipId}`]);
    }
  });

  it('both review it with /mentor feedback; each reads the other’s review, and nobody else can', async () => {
    const menteeForm = (await commandIn(mentee, world.channelId, 'feedback')).form;
    expect(menteeForm?.callback_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    const menteeReview = updated(await world.submit(mentee, menteeForm!, {
      rating: '5', wentWell: 'Patient answers about indexes', testimonial: 'Grace made query plans readable.', testimonialPublic: 'yes',
    }), menteeForm!.id);
    expect(visibleText(menteeReview.blocks)).toContain('Thank you for your review');

    const mentorForm = (await commandIn(mentor, world.channelId, 'feedback')).form;
    expect(mentorForm?.callback_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    const mentorReview = updated(await world.submit(mentor, mentorForm!, { rating: '4', wentWell: 'Ada came with good questions', testimonial: '', testimonialPublic: 'no' }), mentorForm!.id);
    expect(visibleText(mentorReview.blocks)).toContain('Thank you for your review');

    const feedback = await database.db.selectFrom('feedback').select(['author_id', 'subject_id', 'kind', 'rating', 'testimonial_public']).where('mentorship_id', '=', mentorshipId).orderBy('id').execute();
    expect(feedback).toEqual([
      { author_id: menteeId, subject_id: mentorId, kind: 'FINAL', rating: 5, testimonial_public: true },
      { author_id: mentorId, subject_id: menteeId, kind: 'FINAL', rating: 4, testimonial_public: false },
    ]);

    await deliverOutbox();
    const notice = dmsTo(mentor).at(-1);
    expect(visibleText(notice)).toContain(`<@${mentee.id}> left feedback on your mentorship.`);
    expect(actionIds(notice)).toEqual([`mentor:feedback:view:${mentorshipId}`]);
    const mentorReads = await pressOnMessage(mentor, `mentor:feedback:view:${mentorshipId}`, dmOf(mentor));
    expect(replyText(mentorReads)).toContain('Patient answers about indexes');
    expect(replyText(mentorReads)).toContain('1 received, 1 given.');
    expect(replyText(await pressOnMessage(mentee, `mentor:feedback:view:${mentorshipId}`, dmOf(mentee)))).toContain('Ada came with good questions');

    const owner = await pressOnMessage(world.owner, `mentor:feedback:view:${mentorshipId}`, world.channelId);
    expect(owner.replies[0]?.body.response_type).toBe('ephemeral');
    expect(replyText(owner)).toBe('That mentorship does not exist, or is not yours.');
  });
});
