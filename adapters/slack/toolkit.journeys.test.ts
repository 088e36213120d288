import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandCatalog } from '../../core/commands/commands.js';
import { completeMentorshipsJob } from '../../core/jobs/mentorship-jobs.js';
import { createScheduler } from '../../core/jobs/scheduler.js';
import { sessionRemindersJob } from '../../core/jobs/toolkit-jobs.js';
import { createOutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { actionIds, inputs, visibleText } from '../../test/fake-slack/blocks.js';
import type { FakeUser, RecordedResponse } from '../../test/fake-slack/fake-slack.js';
import { commandRequest } from '../../test/fake-slack/signed-requests.js';
import { startSlackWorld, type Answer, type SlackWorld } from '../../test/fake-slack/world.js';

/**
 * The pair's toolkit end to end through the real Bolt app against the fake
 * Slack: the same journey as Discord's (sessions, reminders, goals, tasks,
 * feedback, a report), with Slack's own ways: options typed after the command
 * (no autocomplete), forms opened with trigger ids, and a form's mistakes
 * shown under their fields (`response_action: errors`) with nothing saved.
 *
 * The fake clock runs a year ahead of the real one: outbox rows queued "now"
 * take the database's clock, so they are due for a dispatcher reading the
 * fake clock, while reminders wait for the fake clock to reach them.
 */
const database = useTestDatabase();
const year = new Date().getUTCFullYear() + 1;
const clock = createFakeClock(`${year}-03-01T09:00:00Z`);
let world: SlackWorld;
let community: BuiltCommunity;
/** The pair's private channel. */
let pairChannel: string;
const people: Record<'mentor' | 'mentee' | 'outsider' | 'otherMentor', { user: FakeUser; member: BuiltMember }> = {} as never;
let mentorshipId: number;

type View = Record<string, unknown> & { id: string; callback_id: string; blocks: unknown[] };

function springForward(of: number): string {
  const day = 31 - new Date(Date.UTC(of, 2, 31)).getUTCDay();
  return `${of}-03-${String(day).padStart(2, '0')}`;
}

beforeAll(async () => {
  world = await startSlackWorld({ db: database.db, clock });
  const row = await database.db.selectFrom('communities').select(['id', 'timezone']).where('platform', '=', 'slack').where('external_id', '=', world.team.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: 'slack', externalId: world.team.id, timezone: row.timezone };
  for (const name of ['mentor', 'mentee', 'outsider', 'otherMentor'] as const) {
    const user = world.person(name);
    people[name] = { user, member: await makeMember(database.db, community, { platformUserId: user.id, displayName: name === 'mentor' ? 'Grace' : name === 'mentee' ? 'Ada' : name }) };
  }
  pairChannel = world.slack.nextId('C');
  world.slack.conversations.set(pairChannel, { id: pairChannel, name: 'mentorship-ada-grace', kind: 'private', members: [people.mentor.user.id, people.mentee.user.id, world.team.botUserId], archived: false });
  ({ id: mentorshipId } = await makeMentorship(database.db, community, { mentor: people.mentor.member, mentee: people.mentee.member, endDate: `${year}-04-30`, spaceId: pairChannel }));
  await makeMentorship(database.db, community, { mentor: people.otherMentor.member, mentee: people.mentee.member, description: 'Public speaking at meetups', endDate: `${year}-12-31` });
  const foreign = await makeMentorship(database.db, community, { mentor: people.otherMentor.member, mentee: people.outsider.member, description: 'Kubernetes basics', endDate: `${year}-12-31` });
  await database.db.insertInto('goals').values({ mentorship_id: foreign.id, title: 'Ship a Helm chart' }).execute();
});
afterAll(async () => {
  await world?.stop();
});

const dispatcher = () => createOutboxDispatcher({ db: database.db, clock, deliveries: [world.adapter.delivery], workerId: 'toolkit-journeys', rateLimits: { slack: null } });
const scheduler = () => createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob, completeMentorshipsJob], replicaId: 'toolkit-journeys' });

interface Typed {
  readonly answer: Answer;
  /** Messages posted to the command's response URL. */
  readonly replies: readonly RecordedResponse[];
  /** The form opened with the command's trigger id, if one was. */
  readonly form: View | undefined;
}

/** `/mentor <text>` typed in a channel (the pair's own, unless said). */
async function typed(user: FakeUser, text: string, channelId = pairChannel): Promise<Typed> {
  const triggerId = world.slack.issueTrigger();
  const responseUrl = world.slack.issueResponseUrl();
  const answer = await world.post(commandRequest({ team: world.team, user, command: `/${commandCatalog.name}`, text, channelId, triggerId, responseUrl }, world.signing()));
  const opened = world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId);
  return { answer, replies: world.slack.responsesTo(responseUrl), form: opened?.answer.body.ok ? (opened.answer.body.view as View) : undefined };
}

/** Presses a button (or chooses in a select) on a message; what the app answered through the response URL, and any form it opened. */
async function press(user: FakeUser, actionId: string, selected?: readonly string[]): Promise<{ replies: readonly RecordedResponse[]; form: View | undefined }> {
  const responseUrl = world.slack.issueResponseUrl();
  const { triggerId } = await world.press(user, actionId, { type: 'message', channelId: pairChannel, responseUrl }, selected);
  const opened = world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId);
  return { replies: world.slack.responsesTo(responseUrl), form: opened?.answer.body.ok ? (opened.answer.body.view as View) : undefined };
}

const replyText = (result: { replies: readonly RecordedResponse[] }) => visibleText(result.replies[0]?.body.blocks);

/** What a submitted form turned into (`response_action: update`). */
function updated(answer: Answer): View {
  expect(answer.json?.response_action).toBe('update');
  return answer.json!.view as View;
}

/** The blocks of the messages the bot sent someone by DM. */
function dmsTo(user: FakeUser): unknown[][] {
  const dm = [...world.slack.conversations.values()].find((conversation) => conversation.kind === 'im' && conversation.members.includes(user.id));
  if (!dm) return [];
  return world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === dm.id).map((call) => call.args.blocks as unknown[]);
}

const sessions = () => database.db.selectFrom('mentoring_sessions').select(['id', 'status', 'starts_at', 'proposed_by']).where('mentorship_id', '=', mentorshipId).orderBy('id').execute();

describe('sessions', () => {
  let sessionId: number;

  it('proposes a session through the form; a date that does not exist and a time the clocks skip show under their fields', async () => {
    const { form } = await typed(people.mentee.user, 'session schedule');
    expect(form?.callback_id).toBe(`mentor:session:propose:${mentorshipId}`);
    expect(inputs(form)).toEqual([['date', 'plain_text_input'], ['time', 'plain_text_input'], ['durationMinutes', 'plain_text_input'], ['kind', 'static_select'], ['agenda', 'plain_text_input']]);
    expect(visibleText(form!.blocks)).toContain('Time (HH:MM, Europe/Berlin)');

    const impossible = await world.submit(people.mentee.user, form!, { date: `${year}-02-30`, time: '18:00', durationMinutes: '60', kind: 'VIDEO_CALL', agenda: '' });
    expect(impossible.json?.response_action).toBe('errors');
    expect(impossible.json?.errors).toEqual({ date: 'That date does not exist; check the day and month.' });
    const skipped = await world.submit(people.mentee.user, form!, { date: springForward(year), time: '02:30', durationMinutes: '60', kind: 'VIDEO_CALL', agenda: '' });
    expect(Object.keys(skipped.json?.errors as object)).toEqual(['time']);
    expect((skipped.json?.errors as Record<string, string>).time).toContain('the clocks skip it');
    expect(await sessions()).toEqual([]);

    const proposed = updated(await world.submit(people.mentee.user, form!, { date: `${year}-03-10`, time: '18:00', durationMinutes: '60', kind: 'CODE_REVIEW', agenda: 'Schema review' }));
    expect(visibleText(proposed.blocks)).toContain('Session proposed');
    const [session] = await sessions();
    expect(session).toMatchObject({ status: 'PROPOSED', starts_at: new Date(`${year}-03-10T17:00:00Z`), proposed_by: people.mentee.member.id });
    sessionId = session!.id;
  });

  it('sends the proposal to the mentor by DM; only the mentor confirms it', async () => {
    await dispatcher().runOnce();
    const [proposal] = dmsTo(people.mentor.user);
    expect(visibleText(proposal)).toContain('Session proposed');
    expect(actionIds(proposal)).toEqual([`mentor:session:confirm:${sessionId}`, `mentor:session:counter:${sessionId}`, `mentor:session:cancel:${sessionId}`]);

    expect(replyText(await press(people.outsider.user, `mentor:session:confirm:${sessionId}`))).toContain('That session does not exist, or is not yours.');
    expect(replyText(await press(people.mentee.user, `mentor:session:confirm:${sessionId}`))).toContain('You proposed this time: the other member confirms it.');
    expect((await sessions())[0]?.status).toBe('PROPOSED');
    const foreignForm = await press(people.outsider.user, `mentor:session:counter:${sessionId}`);
    expect(foreignForm.form).toBeUndefined();
    expect(replyText(foreignForm)).toContain('not yours');

    expect(replyText(await press(people.mentor.user, `mentor:session:confirm:${sessionId}`))).toContain('Session confirmed');
    expect((await sessions())[0]?.status).toBe('CONFIRMED');
  });

  it('sends the 24-hour and the 1-hour reminders when the clock reaches them', async () => {
    const reminders = (user: FakeUser, text: string) => dmsTo(user).filter((blocks) => visibleText(blocks).includes(text)).length;
    clock.set(`${year}-03-09T16:55:00Z`);
    await scheduler().tick();
    await dispatcher().runOnce();
    expect(reminders(people.mentee.user, 'Session tomorrow')).toBe(0);
    clock.set(`${year}-03-09T17:00:00Z`);
    await dispatcher().runOnce();
    expect(reminders(people.mentee.user, 'Session tomorrow')).toBe(1);
    expect(reminders(people.mentor.user, 'Session tomorrow')).toBe(1);

    clock.set(`${year}-03-10T15:55:00Z`);
    await scheduler().tick();
    await dispatcher().runOnce();
    expect(reminders(people.mentor.user, 'Session in an hour')).toBe(0);
    clock.set(`${year}-03-10T16:00:00Z`);
    await dispatcher().runOnce();
    expect(reminders(people.mentor.user, 'Session in an hour')).toBe(1);
    expect(reminders(people.mentee.user, 'Session in an hour')).toBe(1);
  });

  it('lists the session', async () => {
    expect(replyText(await typed(people.mentor.user, 'session list'))).toContain('Code review · confirmed');
  });
});

describe('goals and tasks', () => {
  it('adds, lists and reaches a goal typed by part of its title, among the member’s own goals only', async () => {
    const { form } = await typed(people.mentee.user, 'goal add');
    expect(form?.callback_id).toBe(`mentor:goal:save:${mentorshipId}`);
    const refused = await world.submit(people.mentee.user, form!, { title: 'Ship a small API', description: '', dueDate: `${year}-13-01` });
    expect(Object.keys(refused.json?.errors as object)).toEqual(['dueDate']);
    expect(await database.db.selectFrom('goals').select('id').where('mentorship_id', '=', mentorshipId).execute()).toEqual([]);
    expect(visibleText(updated(await world.submit(people.mentee.user, form!, { title: 'Ship a small API', description: 'Deployed, with tests', dueDate: `${year}-04-15` })).blocks))
      .toContain('Goal added: "Ship a small API"');
    expect(replyText(await typed(people.mentor.user, 'goal list'))).toContain('Ship a small API');

    // "ship" also matches the outsider's "Ship a Helm chart", which is not theirs to see: the one match is the pair's.
    const goal = await database.db.selectFrom('goals').select('id').where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    const unknown = await typed(people.mentee.user, 'goal done helm', world.channelId);
    expect(replyText(unknown)).toContain('None of your open goals matches "helm"');
    const select = (unknown.replies[0]?.body.blocks as { type: string; elements?: { options?: { value: string }[] }[] }[]).find((block) => block.type === 'actions');
    expect(select?.elements?.[0]?.options?.map((option) => option.value)).toEqual([String(goal.id)]);

    expect(replyText(await typed(people.mentee.user, 'goal done ship', world.channelId))).toContain('Goal reached: "Ship a small API"');
    expect((await database.db.selectFrom('goals').select('status').where('id', '=', goal.id).executeTakeFirstOrThrow()).status).toBe('DONE');
    await dispatcher().runOnce();
    const pairPosts = world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === pairChannel);
    expect(pairPosts.some((call) => visibleText(call.args.blocks).includes('marked the goal "Ship a small API" as reached'))).toBe(true);
  });

  it('adds, lists and finishes a task, chosen from the select when the typed words match none', async () => {
    const { form } = await typed(people.mentor.user, 'task add');
    expect(inputs(form).map(([id]) => id)).toEqual(['title', 'assignee', 'priority', 'dueDate']);
    expect(visibleText(updated(await world.submit(people.mentor.user, form!, { title: 'Read chapter 3 of the Postgres docs', assignee: 'MENTEE', priority: 'HIGH', dueDate: '' })).blocks))
      .toContain('Task added for the mentee');
    const listed = await typed(people.mentee.user, 'task list');
    expect(replyText(listed)).toContain('Read chapter 3 of the Postgres docs');
    expect(actionIds(listed.replies[0]?.body.blocks)).toEqual([`mentor:task:add:${mentorshipId}`, 'mentor:task:done']);

    const bare = await typed(people.mentee.user, 'task done nothing like it');
    expect(actionIds(bare.replies[0]?.body.blocks)).toEqual(['mentor:task:done']);
    const task = await database.db.selectFrom('tasks').select('id').where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(replyText(await press(people.mentee.user, 'mentor:task:done', [String(task.id)]))).toContain('Done: "Read chapter 3 of the Postgres docs"');
    expect((await database.db.selectFrom('tasks').select('done_at').where('id', '=', task.id).executeTakeFirstOrThrow()).done_at).not.toBeNull();
  });
});

describe('the end of the relation', () => {
  it('completes on its end date; both sides review it through the form, and the mentee also rates the session', async () => {
    clock.set(`${year}-05-01T06:00:00Z`);
    await scheduler().tick();
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', mentorshipId).executeTakeFirstOrThrow()).status).toBe('COMPLETED');
    await dispatcher().runOnce();
    const closing = world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === pairChannel).at(-1);
    expect(actionIds(closing?.args.blocks)).toContain(`mentor:feedback:final:${mentorshipId}`);

    const { form } = await typed(people.mentee.user, 'feedback');
    expect(form?.callback_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    const publicWithout = await world.submit(people.mentee.user, form!, { rating: '5', wentWell: '', testimonial: '', testimonialPublic: 'yes' });
    expect(Object.keys(publicWithout.json?.errors as object)).toEqual(['testimonialPublic']);
    const reviewed = updated(await world.submit(people.mentee.user, form!, { rating: '5', wentWell: 'A weekly rhythm', testimonial: 'Grace made SQL click for me.', testimonialPublic: 'yes' }));
    expect(visibleText(reviewed.blocks)).toContain('Thank you for your review');
    const [session] = await sessions();
    expect(actionIds(reviewed.blocks)).toEqual([`mentor:feedback:session:${session!.id}`]);

    const mentorForm = await press(people.mentor.user, `mentor:feedback:final:${mentorshipId}`);
    expect(mentorForm.form?.callback_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    updated(await world.submit(people.mentor.user, mentorForm.form!, { rating: '4', wentWell: 'Ada came prepared', testimonial: '', testimonialPublic: 'no' }));

    const rating = await press(people.mentee.user, `mentor:feedback:session:${session!.id}`);
    expect(inputs(rating.form).map(([id]) => id)).toEqual(['tookPlace', 'rating', 'comment']);
    expect(visibleText(updated(await world.submit(people.mentee.user, rating.form!, { tookPlace: 'yes', rating: '5', comment: 'Clear explanations of indexes' })).blocks))
      .toContain('Thanks for rating the session');

    const feedback = await database.db.selectFrom('feedback').select(['author_id', 'kind', 'rating', 'testimonial_public']).where('mentorship_id', '=', mentorshipId).orderBy('id').execute();
    expect(feedback).toEqual([
      { author_id: people.mentee.member.id, kind: 'FINAL', rating: 5, testimonial_public: true },
      { author_id: people.mentor.member.id, kind: 'FINAL', rating: 4, testimonial_public: false },
      { author_id: people.mentee.member.id, kind: 'SESSION', rating: 5, testimonial_public: false },
    ]);
    expect(replyText(await typed(people.mentee.user, 'feedback'))).toContain('Nothing is waiting for your feedback');
  });
});

describe('reports', () => {
  it('files a report privately; admins are told without the reporter’s name, and the reported member hears nothing', async () => {
    const { form } = await typed(people.mentee.user, `report <@${people.outsider.user.id}|outsider>`, world.channelId);
    expect(form?.callback_id).toBe(`mentor:report:file-member:${people.outsider.member.id}`);
    const tooShort = await world.submit(people.mentee.user, form!, { category: 'HARASSMENT', details: 'Rude.' });
    expect(Object.keys(tooShort.json?.errors as object)).toEqual(['details']);
    expect(await database.db.selectFrom('reports').select('id').where('community_id', '=', community.id).execute()).toEqual([]);
    const filed = updated(await world.submit(people.mentee.user, form!, { category: 'HARASSMENT', details: 'Kept messaging me at night after I asked them to stop.' }));
    expect(visibleText(filed.blocks)).toContain('Your report went to the admins only');
    const report = await database.db.selectFrom('reports').select(['id', 'reporter_id', 'reported_member_id']).where('community_id', '=', community.id).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ reporter_id: people.mentee.member.id, reported_member_id: people.outsider.member.id });

    const outsiderDmsBefore = dmsTo(people.outsider.user).length;
    await dispatcher().runOnce();
    const notice = dmsTo(world.owner).find((blocks) => visibleText(blocks).includes('New report'));
    expect(actionIds(notice)).toEqual([`mentor:report:view:${report.id}`]);
    expect(visibleText(notice)).toContain(`<@${people.outsider.user.id}>`);
    expect(JSON.stringify(notice)).not.toContain(people.mentee.user.id);
    expect(JSON.stringify(notice)).not.toContain('Ada');
    expect(dmsTo(people.outsider.user).length).toBe(outsiderDmsBefore);

    const opened = await press(world.owner, `mentor:report:view:${report.id}`);
    expect(opened.replies[0]?.body.response_type).toBe('ephemeral');
    expect(replyText(opened)).toContain('Kept messaging me at night');
    expect(replyText(opened)).toContain(`/c/${community.id}/reports/${report.id}`);
    expect(replyText(await press(people.mentor.user, `mentor:report:view:${report.id}`))).toContain('Only admins and owners can do this.');
  });
});
