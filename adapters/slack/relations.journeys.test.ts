import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysTo } from '../../core/mentorships/calendar.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { systemClock } from '../../core/ports/clock.js';
import { makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { actionIds, inputs, visibleText } from '../../test/fake-slack/blocks.js';
import type { FakeUser, RecordedCall } from '../../test/fake-slack/fake-slack.js';
import { commandRequest } from '../../test/fake-slack/signed-requests.js';
import { startSlackWorld, type SlackWorld } from '../../test/fake-slack/world.js';
import { drainOutbox } from '../../test/outbox-fixtures.js';

/**
 * The relation from both sides, through the real Bolt app (signed requests
 * in, the fake Web API recording calls out): a mentee finds a mentor and sends
 * a request from a modal, the mentor answers from the DM the outbox
 * delivered, the pair's private channel is created, and the pair pauses,
 * resumes and ends the mentorship from inside it.
 */
const database = useTestDatabase();
let world: SlackWorld;
let dispatcher: OutboxDispatcher;
let community: BuiltCommunity;

beforeAll(async () => {
  world = await startSlackWorld({ db: database.db });
  dispatcher = createOutboxDispatcher({ db: database.db, clock: systemClock, deliveries: [world.adapter.delivery], workerId: 'relations-journeys', rateLimits: { slack: null } });
  const row = await database.db.selectFrom('communities').select(['id', 'timezone']).where('platform', '=', 'slack').where('external_id', '=', world.team.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: 'slack', externalId: world.team.id, timezone: row.timezone };
});
afterAll(async () => {
  await world?.stop();
});

type View = Record<string, unknown> & { id: string; callback_id: string; blocks: unknown[] };

const deliverOutbox = () => drainOutbox(dispatcher);

/** `/mentor <text>` typed in a given channel. */
async function commandIn(user: FakeUser, channelId: string, text: string) {
  const triggerId = world.slack.issueTrigger();
  const responseUrl = world.slack.issueResponseUrl();
  const answer = await world.post(commandRequest({ team: world.team, user, command: '/mentor', text, channelId, triggerId, responseUrl }, world.signing()));
  return { answer, replies: world.slack.responsesTo(responseUrl), opened: openedWith(triggerId) };
}

/** A button on a message in `channelId` (a DM or a command's answer): what came back on its response URL, and the form it opened. */
async function pressOnMessage(user: FakeUser, actionId: string, channelId: string) {
  const responseUrl = world.slack.issueResponseUrl();
  const { triggerId } = await world.press(user, actionId, { type: 'message', channelId, responseUrl });
  return { replies: world.slack.responsesTo(responseUrl), opened: openedWith(triggerId) };
}

/** The form a `world.command` opened. */
const formOf = (exchange: { opened: RecordedCall | undefined }): View | undefined => exchange.opened?.answer.body.view as View | undefined;

const openedWith = (triggerId: string): View | undefined => world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId)?.answer.body.view as View | undefined;

/** The DM conversation the bot has with a user, and the messages it posted there. */
const dmOf = (user: FakeUser): string => {
  const opened = world.slack.callsTo('conversations.open').filter((call) => call.args.users === user.id).at(-1);
  if (!opened) throw new Error(`no DM with ${user.name} yet`);
  return (opened.answer.body.channel as { id: string }).id;
};
const postedIn = (channel: string): RecordedCall[] => world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);

/** Today in the community's timezone (UTC), as the core reads dates. */
const today = () => new Date().toISOString().slice(0, 10);

const mentorshipRow = (id: number) =>
  database.db.selectFrom('mentorships').select(['status', 'paused_until', 'space_id']).where('id', '=', id).executeTakeFirstOrThrow();

describe('a mentorship from request to early end', () => {
  let mentee: FakeUser;
  let mentor: FakeUser;
  let menteeRow: BuiltMember;
  let mentorRow: BuiltMember;
  let requestId: number;
  let pairChannel: string;

  beforeAll(async () => {
    mentee = world.person('alice');
    mentor = world.person('bob');
    menteeRow = await makeMember(database.db, community, { platformUserId: mentee.id, displayName: 'Alice', mentorshipRole: 'MENTEE', skills: [{ slug: 'frontend', direction: 'SEEK', level: 2 }] });
    mentorRow = await makeMember(database.db, community, { platformUserId: mentor.id, displayName: 'Bob', mentorshipRole: 'MENTOR', skills: [{ slug: 'frontend', direction: 'OFFER', level: 4 }] });
  });

  it('/mentor find shows the mentor with the reasons and a Request button', async () => {
    const { replies } = await world.command(mentee, 'find');
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    const text = visibleText(replies[0]?.body.blocks);
    expect(text).toContain('Suggested mentors');
    expect(text).toContain(`<@${mentor.id}>`);
    expect(text).toContain('Frontend');
    expect(actionIds(replies[0]?.body.blocks)[0]).toBe(`mentor:request:start:${mentorRow.id}`);

    const bySkill = await world.command(mentee, 'find Frontend mentor');
    expect(visibleText(bySkill.replies[0]?.body.blocks)).toContain(`<@${mentor.id}>`);
  });

  it('/mentor request opens the form with views.open; invalid answers show under their fields and nothing is stored', async () => {
    const opened = formOf(await world.command(mentee, `request <@${mentor.id}|bob>`));
    expect(opened?.callback_id).toBe(`mentor:request:send:${mentorRow.id}`);
    expect(inputs(opened)).toEqual([['senderRole', 'static_select'], ['description', 'plain_text_input'], ['endDate', 'plain_text_input']]);

    const refused = await world.submit(mentee, opened!, { senderRole: 'MENTEE', description: 'Help', endDate: 'soon' });
    expect(refused.json?.response_action).toBe('errors');
    const errors = refused.json?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(['description', 'endDate']);
    expect(errors.description).toContain('at least 20 characters');
    expect(await database.db.selectFrom('mentorships').select('id').where('community_id', '=', community.id).execute()).toEqual([]);

    const nobody = await world.command(mentee, 'request <@U0NOBODY>');
    expect(visibleText(nobody.replies[0]?.body.blocks)).toContain('has not joined the mentorship program');
  });

  it('sends the request; the mentor gets it by DM through the outbox', async () => {
    const opened = formOf(await world.command(mentee, `request <@${mentor.id}|bob>`));
    const sent = await world.submit(mentee, opened!, { senderRole: 'MENTEE', description: 'Learn to test React components with confidence', endDate: addDaysTo(today(), 8 * 7) });
    expect(sent.json?.response_action).toBe('update');
    expect(visibleText((sent.json?.view as View).blocks)).toContain(`Your request was sent to <@${mentor.id}>`);
    const row = await database.db.selectFrom('mentorships').select(['id', 'status', 'mentor_id', 'mentee_id']).where('community_id', '=', community.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'PENDING', mentor_id: mentorRow.id, mentee_id: menteeRow.id });
    requestId = row.id;

    await deliverOutbox();
    const dm = postedIn(dmOf(mentor)).at(-1);
    expect(visibleText(dm?.args.blocks)).toContain(`<@${mentee.id}> would like you to mentor them.`);
    expect(actionIds(dm?.args.blocks)).toEqual([`mentor:request:accept:${requestId}`, `mentor:request:reject:${requestId}`, `mentor:request:ask-detail:${requestId}`]);
  });

  it('politely refuses the mentor pressing the mentee\'s Withdraw button, and changes nothing', async () => {
    const { replies } = await pressOnMessage(mentor, `mentor:request:withdraw:${requestId}`, dmOf(mentor));
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    expect(visibleText(replies[0]?.body.blocks)).toBe('Only the member who sent this request can withdraw this.');
    expect((await mentorshipRow(requestId)).status).toBe('PENDING');
  });

  it('the mentor accepts in the DM; the private channel is created with both members', async () => {
    const accepted = await pressOnMessage(mentor, `mentor:request:accept:${requestId}`, dmOf(mentor));
    expect(visibleText(accepted.replies[0]?.body.blocks)).toBe('You accepted the request.');
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');
    const again = await pressOnMessage(mentor, `mentor:request:accept:${requestId}`, dmOf(mentor));
    expect(visibleText(again.replies[0]?.body.blocks)).toBe('This mentorship was already accepted.');

    await deliverOutbox();
    const created = world.slack.callsTo('conversations.create');
    expect(created).toHaveLength(1);
    expect(created[0]?.args.is_private).toBe('true');
    pairChannel = (created[0]!.answer.body.channel as { id: string }).id;
    expect((await mentorshipRow(requestId)).space_id).toBe(pairChannel);
    const invited = world.slack.callsTo('conversations.invite').filter((call) => call.args.channel === pairChannel).flatMap((call) => String(call.args.users).split(','));
    expect(new Set(invited)).toEqual(new Set([mentee.id, mentor.id]));
    expect(visibleText(postedIn(pairChannel)[0]?.args.blocks)).toContain('Your mentorship agreement');
  });

  it('/mentor pause inside the pair channel applies to that mentorship, errors under the field', async () => {
    const other = await makeMember(database.db, community, { platformUserId: world.person('carol').id, displayName: 'Carol', mentorshipRole: 'MENTOR' });
    await makeMentorship(database.db, community, { mentor: other, mentee: menteeRow, description: 'Write a first conference talk', endDate: addDaysTo(today(), 60) });
    const outside = await world.command(mentee, 'pause');
    expect(visibleText(outside.replies[0]?.body.blocks)).toContain('Which one do you mean?');
    expect(actionIds(outside.replies[0]?.body.blocks)).toEqual(['mentor:pick:mentorship:pause']);

    const { opened } = await commandIn(mentee, pairChannel, 'pause');
    expect(opened?.callback_id).toBe(`mentor:mentorship:pause:${requestId}`);
    const refused = await world.submit(mentee, opened!, { until: 'next week', reason: '' });
    expect(refused.json?.response_action).toBe('errors');
    expect(Object.keys(refused.json?.errors as object)).toEqual(['until']);
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');

    const until = addDaysTo(today(), 7);
    const paused = await world.submit(mentee, opened!, { until, reason: 'Conference week' });
    expect(visibleText((paused.json?.view as View).blocks)).toContain(`The mentorship is paused until ${until}.`);
    expect(await mentorshipRow(requestId)).toMatchObject({ status: 'PAUSED', paused_until: until });
  });

  it('/mentor resume runs it again', async () => {
    const { replies } = await commandIn(mentor, pairChannel, 'resume');
    expect(visibleText(replies[0]?.body.blocks)).toBe('The mentorship is running again.');
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');
  });

  it('/mentor end asks first, then takes a reason in a form and ends it', async () => {
    const asked = await commandIn(mentee, pairChannel, 'end');
    expect(visibleText(asked.replies[0]?.body.blocks)).toContain('End your mentorship');
    expect(actionIds(asked.replies[0]?.body.blocks)).toEqual([`mentor:mentorship:end:${requestId}`, `mentor:mentorship:keep:${requestId}`]);
    expect((await mentorshipRow(requestId)).status).toBe('ACCEPTED');

    const { opened } = await pressOnMessage(mentee, `mentor:mentorship:end:${requestId}`, pairChannel);
    expect(opened?.callback_id).toBe(`mentor:mentorship:end:${requestId}`);
    const ended = await world.submit(mentee, opened!, { reason: 'I changed teams and have no time left' });
    expect(visibleText((ended.json?.view as View).blocks)).toContain('You ended the mentorship.');
    expect((await mentorshipRow(requestId)).status).toBe('CANCELLED');

    await deliverOutbox();
    const closing = postedIn(pairChannel).at(-1);
    expect(visibleText(closing?.args.blocks)).toContain('This mentorship has ended');
    expect(actionIds(closing?.args.blocks)).toEqual([`mentor:feedback:final:${requestId}`]);
    expect(world.slack.callsTo('conversations.archive').map((call) => call.args.channel)).toContain(pairChannel);
  });
});
