import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeMentorshipsJob } from '../../core/jobs/mentorship-jobs.js';
import { createScheduler } from '../../core/jobs/scheduler.js';
import { sessionRemindersJob } from '../../core/jobs/toolkit-jobs.js';
import { createOutboxDispatcher } from '../../core/outbox/dispatcher.js';
import { makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { createFakeClock } from '../../test/fake-clock.js';
import { slashCommand, type SlashOptionValue } from '../../test/fake-discord/interactions.js';
import { channelObject, type FakeChannel, type FakeUser } from '../../test/fake-discord/payloads.js';
import { callbackType, componentIds, responseTo, visibleText } from '../../test/fake-discord/responses.js';
import { startDiscordWorld, type DiscordWorld, type Exchange } from '../../test/fake-discord/world.js';

/**
 * The pair's toolkit end to end through the real discord.js client against
 * the fake Discord: sessions with their DMs and reminders, goals, tasks,
 * feedback once the relation has ended, and a report. The relation is built
 * ACCEPTED with its private thread, as if its request had been accepted.
 *
 * The fake clock runs a year ahead of the real one: outbox rows queued "now"
 * take the database's clock, so they are due for a dispatcher reading the
 * fake clock, while reminders wait for the fake clock to reach them.
 */
const database = useTestDatabase();
const year = new Date().getUTCFullYear() + 1;
const clock = createFakeClock(`${year}-03-01T09:00:00Z`);
let world: DiscordWorld;
let community: BuiltCommunity;
let thread: FakeChannel;
const people: Record<'mentor' | 'mentee' | 'outsider' | 'otherMentor', { user: FakeUser; member: BuiltMember }> = {} as never;
let mentorshipId: number;

/** The last Sunday of March: when Europe/Berlin's clocks jump from 02:00 to 03:00. */
function springForward(of: number): string {
  const day = 31 - new Date(Date.UTC(of, 2, 31)).getUTCDay();
  return `${of}-03-${String(day).padStart(2, '0')}`;
}

beforeAll(async () => {
  world = await startDiscordWorld({ db: database.db, clock });
  const row = await database.db.selectFrom('communities').select(['id', 'timezone']).where('external_id', '=', world.guild.id).executeTakeFirstOrThrow();
  community = { id: row.id, platform: 'discord', externalId: world.guild.id, timezone: row.timezone };
  for (const name of ['mentor', 'mentee', 'outsider', 'otherMentor'] as const) {
    const user = world.person(name);
    people[name] = { user, member: await makeMember(database.db, community, { platformUserId: user.id, displayName: name === 'mentor' ? 'Grace' : name === 'mentee' ? 'Ada' : name }) };
  }
  thread = { id: world.discord.nextId(), name: 'mentorship-ada-grace', type: 12, guildId: world.guild.id, parentId: world.channel.id, ownerId: world.discord.bot.id };
  world.discord.channels.set(thread.id, thread);
  world.guild.channels.push(thread);
  world.discord.gateway.dispatch('THREAD_CREATE', { ...channelObject(thread), newly_created: true });
  ({ id: mentorshipId } = await makeMentorship(database.db, community, { mentor: people.mentor.member, mentee: people.mentee.member, endDate: `${year}-04-30`, spaceId: thread.id }));
  // The mentee has a second mentor, and the outsider a mentorship of their own: neither may leak into the pair's choices.
  await makeMentorship(database.db, community, { mentor: people.otherMentor.member, mentee: people.mentee.member, description: 'Public speaking at meetups', endDate: `${year}-12-31` });
  const foreign = await makeMentorship(database.db, community, { mentor: people.otherMentor.member, mentee: people.outsider.member, description: 'Kubernetes basics', endDate: `${year}-12-31` });
  await database.db.insertInto('goals').values({ mentorship_id: foreign.id, title: 'Ship a Helm chart' }).execute();
});
afterAll(async () => {
  await world?.stop();
});

const dispatcher = () => createOutboxDispatcher({ db: database.db, clock, deliveries: [world.adapter.delivery], workerId: 'toolkit-journeys', rateLimits: { discord: null } });
const scheduler = () => createScheduler({ db: database.db, clock, jobs: [sessionRemindersJob, completeMentorshipsJob], replicaId: 'toolkit-journeys' });

/** `/mentor …` typed inside the pair's private thread. */
async function inThread(user: FakeUser, path: readonly string[], options: Record<string, SlashOptionValue> = {}): Promise<Exchange> {
  const interaction = slashCommand({ ...world.context(user), channel: thread, commandId: world.discord.nextId(), path, options });
  world.push(interaction);
  return { interaction, response: await responseTo(world.discord, interaction) };
}

/** The messages the bot sent to someone's DMs, as JSON text each. */
function dmsTo(user: FakeUser): string[] {
  const channel = [...world.discord.channels.values()].find((candidate) => candidate.type === 1 && candidate.recipients?.[0]?.id === user.id);
  if (!channel) return [];
  return world.discord.requestsTo('POST', new RegExp(`^/channels/${channel.id}/messages$`)).map((request) => JSON.stringify(request.body));
}

function threadPosts(): string[] {
  return world.discord.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`)).map((request) => JSON.stringify(request.body));
}

function modalInputs(exchange: Exchange): { id: string; label: string }[] {
  const labels = (exchange.response.modal?.components ?? []) as { label: string; component: { custom_id: string } }[];
  return labels.map((label) => ({ id: label.component.custom_id, label: label.label }));
}

const sessions = () => database.db.selectFrom('mentoring_sessions').select(['id', 'status', 'starts_at', 'proposed_by']).where('mentorship_id', '=', mentorshipId).orderBy('id').execute();

describe('sessions', () => {
  let sessionId: number;

  it('proposes a session from the thread through the form, refusing a date that does not exist and a time the clocks skip', async () => {
    const form = await inThread(people.mentee.user, ['session', 'schedule']);
    expect(form.response.callbackType).toBe(callbackType.modal);
    expect(form.response.modal?.custom_id).toBe(`mentor:session:propose:${mentorshipId}`);
    expect(modalInputs(form)).toEqual([
      { id: 'date', label: 'Date (YYYY-MM-DD)' },
      { id: 'time', label: 'Time (HH:MM, Europe/Berlin)' },
      { id: 'durationMinutes', label: 'Length in minutes (15 to 240)' },
      { id: 'kind', label: 'Kind of session' },
      { id: 'agenda', label: 'Topic (optional)' },
    ]);

    const impossible = await world.submit(people.mentee.user, `mentor:session:propose:${mentorshipId}`, { date: `${year}-02-30`, time: '18:00', durationMinutes: '60', kind: ['VIDEO_CALL'], agenda: '' });
    expect(impossible.response.ephemeral).toBe(true);
    expect(visibleText(impossible.response.message)).toContain('Date (YYYY-MM-DD): That date does not exist');
    expect(componentIds(impossible.response.message)).toEqual([`mentor:session:schedule:${mentorshipId}`]);

    const skipped = await world.submit(people.mentee.user, `mentor:session:propose:${mentorshipId}`, { date: springForward(year), time: '02:30', durationMinutes: '60', kind: ['VIDEO_CALL'], agenda: '' });
    expect(visibleText(skipped.response.message)).toContain(`Time (HH:MM, Europe/Berlin): 02:30 does not exist on ${springForward(year)} in Europe/Berlin`);
    expect(await sessions()).toEqual([]);

    const reopened = await world.press(people.mentee.user, `mentor:session:schedule:${mentorshipId}`);
    expect(reopened.response.modal?.custom_id).toBe(`mentor:session:propose:${mentorshipId}`);

    const proposed = await world.submit(people.mentee.user, `mentor:session:propose:${mentorshipId}`, { date: `${year}-03-10`, time: '18:00', durationMinutes: '60', kind: ['CODE_REVIEW'], agenda: 'Schema review' });
    expect(visibleText(proposed.response.message)).toContain('Session proposed');
    const [session] = await sessions();
    expect(session).toMatchObject({ status: 'PROPOSED', starts_at: new Date(`${year}-03-10T17:00:00Z`), proposed_by: people.mentee.member.id });
    sessionId = session!.id;
  });

  it('sends the proposal to the mentor by DM; only the mentor confirms it', async () => {
    await dispatcher().runOnce();
    const [proposal] = dmsTo(people.mentor.user);
    expect(proposal).toContain('Session proposed');
    expect(proposal).toContain(`mentor:session:confirm:${sessionId}`);
    expect(proposal).toContain(`mentor:session:counter:${sessionId}`);

    const outsider = await world.press(people.outsider.user, `mentor:session:confirm:${sessionId}`);
    expect(outsider.response.ephemeral).toBe(true);
    expect(visibleText(outsider.response.message)).toContain('That session does not exist, or is not yours.');
    const proposer = await world.press(people.mentee.user, `mentor:session:confirm:${sessionId}`);
    expect(visibleText(proposer.response.message)).toContain('You proposed this time: the other member confirms it.');
    expect((await sessions())[0]?.status).toBe('PROPOSED');
    const foreignForm = await world.press(people.outsider.user, `mentor:session:counter:${sessionId}`);
    expect(foreignForm.response.callbackType).not.toBe(callbackType.modal);
    expect(visibleText(foreignForm.response.message)).toContain('not yours');

    const confirmed = await world.press(people.mentor.user, `mentor:session:confirm:${sessionId}`);
    expect(visibleText(confirmed.response.message)).toContain('Session confirmed');
    expect((await sessions())[0]?.status).toBe('CONFIRMED');
    await dispatcher().runOnce();
    expect(dmsTo(people.mentee.user).some((message) => message.includes('Session confirmed'))).toBe(true);
  });

  it('offers the counter-proposal form prefilled with the session on the member’s clock', async () => {
    const counter = await world.press(people.mentor.user, `mentor:session:counter:${sessionId}`);
    expect(counter.response.modal?.custom_id).toBe(`mentor:session:save-time:${sessionId}`);
    const inputs = (counter.response.modal?.components ?? []) as { component: { custom_id: string; value?: string } }[];
    expect(inputs.map((input) => [input.component.custom_id, input.component.value])).toEqual([
      ['date', `${year}-03-10`], ['time', '18:00'], ['durationMinutes', '60'], ['reason', undefined],
    ]);
  });

  it('sends the 24-hour and the 1-hour reminders when the clock reaches them', async () => {
    const reminders = (user: FakeUser, text: string) => dmsTo(user).filter((message) => message.includes(text)).length;
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
    const listed = await inThread(people.mentor.user, ['session', 'list']);
    expect(visibleText(listed.response.message)).toContain('Code review · confirmed');
  });
});

describe('goals and tasks', () => {
  it('adds, lists and reaches a goal; the choices while typing are only the member’s own', async () => {
    const form = await inThread(people.mentee.user, ['goal', 'add']);
    expect(form.response.modal?.custom_id).toBe(`mentor:goal:save:${mentorshipId}`);
    const refused = await world.submit(people.mentee.user, `mentor:goal:save:${mentorshipId}`, { title: 'Ship a small API', description: '', dueDate: `${year}-13-01` });
    expect(visibleText(refused.response.message)).toContain('Due date (YYYY-MM-DD, optional)');
    expect(await database.db.selectFrom('goals').select('id').where('mentorship_id', '=', mentorshipId).execute()).toEqual([]);
    const added = await world.submit(people.mentee.user, `mentor:goal:save:${mentorshipId}`, { title: 'Ship a small API', description: 'Deployed, with tests', dueDate: `${year}-04-15` });
    expect(visibleText(added.response.message)).toContain('Goal added: "Ship a small API"');

    const listed = await inThread(people.mentor.user, ['goal', 'list']);
    expect(visibleText(listed.response.message)).toContain('Ship a small API');

    const suggested = await world.suggest(people.mentee.user, ['goal', 'done'], { goal: { type: 'string', value: 'ship', focused: true } });
    const goal = await database.db.selectFrom('goals').select('id').where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(suggested.response.choices).toEqual([{ name: 'Ship a small API (with Grace)', value: String(goal.id) }]);

    const mentorships = await world.suggest(people.mentee.user, ['session', 'list'], { mentorship: { type: 'string', value: '', focused: true } });
    expect(mentorships.response.choices?.map((choice) => choice.name).sort()).toEqual([
      'Mentored by Grace: Learn to design Postgres schemas', 'Mentored by otherMentor: Public speaking at meetups',
    ]);
    expect(mentorships.response.choices?.map((choice) => choice.value)).toContain(String(mentorshipId));

    const done = await world.command(people.mentee.user, ['goal', 'done'], { goal: { type: 'string', value: String(goal.id) } });
    expect(visibleText(done.response.message)).toContain('Goal reached: "Ship a small API"');
    expect((await database.db.selectFrom('goals').select('status').where('id', '=', goal.id).executeTakeFirstOrThrow()).status).toBe('DONE');
    await dispatcher().runOnce();
    expect(threadPosts().some((post) => post.includes('marked the goal \\"Ship a small API\\" as reached'))).toBe(true);
  });

  it('adds, lists and finishes a task, found by part of its title', async () => {
    const form = await inThread(people.mentor.user, ['task', 'add']);
    expect(modalInputs(form).map((input) => input.id)).toEqual(['title', 'assignee', 'priority', 'dueDate']);
    const added = await world.submit(people.mentor.user, `mentor:task:save:${mentorshipId}`, { title: 'Read chapter 3 of the Postgres docs', assignee: ['MENTEE'], priority: ['HIGH'], dueDate: '' });
    expect(visibleText(added.response.message)).toContain('Task added for the mentee');

    const listed = await inThread(people.mentee.user, ['task', 'list']);
    expect(visibleText(listed.response.message)).toContain('Read chapter 3 of the Postgres docs');
    expect(componentIds(listed.response.message)).toEqual([`mentor:task:add:${mentorshipId}`, 'mentor:task:done']);

    const vague = await world.command(people.mentee.user, ['task', 'done'], { task: { type: 'string', value: 'nothing like it' } });
    expect(visibleText(vague.response.message)).toContain('None of your open tasks matches');
    expect(componentIds(vague.response.message)).toEqual(['mentor:task:done']);

    const done = await world.command(people.mentee.user, ['task', 'done'], { task: { type: 'string', value: 'chapter 3' } });
    expect(visibleText(done.response.message)).toContain('Done: "Read chapter 3 of the Postgres docs"');
    const task = await database.db.selectFrom('tasks').select('done_at').where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
    expect(task.done_at).not.toBeNull();
  });
});

describe('the end of the relation', () => {
  it('completes on its end date; both sides review it through the form, and the mentee also rates the session', async () => {
    clock.set(`${year}-05-01T06:00:00Z`);
    await scheduler().tick();
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', mentorshipId).executeTakeFirstOrThrow()).status).toBe('COMPLETED');
    await dispatcher().runOnce();
    expect(threadPosts().some((post) => post.includes(`mentor:feedback:final:${mentorshipId}`))).toBe(true);

    // The review of the mentorship that just ended is what the mentee most likely means; the session comes after.
    const form = await inThread(people.mentee.user, ['feedback']);
    expect(form.response.modal?.custom_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    const reviewed = await world.submit(people.mentee.user, `mentor:feedback:review:${mentorshipId}`, { rating: ['5'], wentWell: 'A weekly rhythm', testimonial: 'Grace made SQL click for me.', testimonialPublic: ['yes'] });
    expect(visibleText(reviewed.response.message)).toContain('Thank you for your review');
    const [session] = await sessions();
    expect(componentIds(reviewed.response.message)).toEqual([`mentor:feedback:session:${session!.id}`]);

    const mentorForm = await world.press(people.mentor.user, `mentor:feedback:final:${mentorshipId}`);
    expect(mentorForm.response.modal?.custom_id).toBe(`mentor:feedback:review:${mentorshipId}`);
    await world.submit(people.mentor.user, `mentor:feedback:review:${mentorshipId}`, { rating: ['4'], wentWell: 'Ada came prepared', testimonial: '', testimonialPublic: ['no'] });

    const rating = await world.press(people.mentee.user, `mentor:feedback:session:${session!.id}`);
    expect(modalInputs(rating).map((input) => input.id)).toEqual(['tookPlace', 'rating', 'comment']);
    const rated = await world.submit(people.mentee.user, `mentor:feedback:rate:${session!.id}`, { tookPlace: ['yes'], rating: ['5'], comment: 'Clear explanations of indexes' });
    expect(visibleText(rated.response.message)).toContain('Thanks for rating the session');

    const feedback = await database.db.selectFrom('feedback').select(['author_id', 'kind', 'rating', 'testimonial_public']).where('mentorship_id', '=', mentorshipId).orderBy('id').execute();
    expect(feedback).toEqual([
      { author_id: people.mentee.member.id, kind: 'FINAL', rating: 5, testimonial_public: true },
      { author_id: people.mentor.member.id, kind: 'FINAL', rating: 4, testimonial_public: false },
      { author_id: people.mentee.member.id, kind: 'SESSION', rating: 5, testimonial_public: false },
    ]);
    expect((await sessions())[0]?.status).toBe('COMPLETED');
    const nothingLeft = await inThread(people.mentee.user, ['feedback']);
    expect(visibleText(nothingLeft.response.message)).toContain('Nothing is waiting for your feedback');
  });
});

describe('reports', () => {
  it('files a report privately; admins are told without the reporter’s name, and the reported member hears nothing', async () => {
    const form = await world.command(people.mentee.user, ['report'], { member: { type: 'user', user: people.outsider.user } });
    expect(form.response.modal?.custom_id).toBe(`mentor:report:file-member:${people.outsider.member.id}`);
    const filed = await world.submit(people.mentee.user, `mentor:report:file-member:${people.outsider.member.id}`, { category: ['HARASSMENT'], details: 'Kept messaging me at night after I asked them to stop.' });
    expect(filed.response.ephemeral).toBe(true);
    expect(visibleText(filed.response.message)).toContain('Your report went to the admins only');
    const report = await database.db.selectFrom('reports').select(['id', 'reporter_id', 'reported_member_id', 'category']).where('community_id', '=', community.id).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ reporter_id: people.mentee.member.id, reported_member_id: people.outsider.member.id, category: 'HARASSMENT' });

    const outsiderDmsBefore = dmsTo(people.outsider.user).length;
    await dispatcher().runOnce();
    const [notice] = dmsTo(world.owner).filter((message) => message.includes('New report'));
    expect(notice).toContain(`mentor:report:view:${report.id}`);
    expect(notice).toContain(`<@${people.outsider.user.id}>`);
    expect(notice).not.toContain(people.mentee.user.id);
    expect(notice).not.toContain('Ada');
    expect(dmsTo(people.outsider.user).length).toBe(outsiderDmsBefore);

    const opened = await world.press(world.owner, `mentor:report:view:${report.id}`);
    expect(opened.response.ephemeral).toBe(true);
    expect(visibleText(opened.response.message)).toContain('Kept messaging me at night');
    expect(visibleText(opened.response.message)).not.toContain(people.mentee.user.id);
    const refused = await world.press(people.mentor.user, `mentor:report:view:${report.id}`);
    expect(visibleText(refused.response.message)).toContain('Only admins and owners can do this.');
  });

  it('asks who the report is about when used outside a pair space without a member', async () => {
    const asked = await world.command(people.mentor.user, ['report']);
    expect(asked.response.callbackType).not.toBe(callbackType.modal);
    expect(visibleText(asked.response.message)).toContain('Who is the report about?');
  });
});
