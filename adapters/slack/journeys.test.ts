import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/field-cipher.js';
import { reportShortcutMessages } from './listeners/shortcuts/report-message.js';
import type { SpaceActivity } from './space-activity.js';
import { routerMessages } from './router.js';
import { makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { actionIds, inputs, visibleText } from '../../test/fake-slack/blocks.js';
import { slackFailures, type FakeUser } from '../../test/fake-slack/fake-slack.js';
import { commandRequest, interactionRequest, messageShortcutPayload, urlVerificationRequest } from '../../test/fake-slack/signed-requests.js';
import { startSlackWorld, testSecretKey, type SlackWorld } from '../../test/fake-slack/world.js';

/**
 * Whole journeys through the real Bolt app on our Fastify receiver: signed
 * requests in with `inject`, Web API calls out to a local fake Slack, the
 * database in between. Single-workspace mode (SLACK_BOT_TOKEN).
 */
const database = useTestDatabase();
const activity: SpaceActivity[] = [];
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({ db: database.db, recordSpaceActivity: async (seen) => void activity.push(seen) });
});
afterAll(async () => {
  await world?.stop();
});

async function community() {
  return database.db.selectFrom('communities').select(['id', 'name', 'status']).where('platform', '=', 'slack').where('external_id', '=', world.team.id).executeTakeFirstOrThrow();
}

async function memberRow(user: FakeUser) {
  return database.db
    .selectFrom('members')
    .select(['id', 'role', 'status', 'onboarding_step', 'job_title', 'years_experience', 'mentorship_role', 'timezone', 'mentee_capacity', 'erased_at'])
    .where('community_id', '=', (await community()).id)
    .where('platform_user_id', '=', user.id)
    .executeTakeFirst();
}

async function skillIds(...slugs: string[]): Promise<string[]> {
  const rows = await database.db.selectFrom('skills').select(['id', 'slug']).where('community_id', '=', (await community()).id).where('slug', 'in', slugs).execute();
  return slugs.map((slug) => String(rows.find((row) => row.slug === slug)!.id));
}

type View = Record<string, unknown> & { id: string; callback_id: string; blocks: unknown[] };

/** The view a form submission turned into (`response_action: update`), keeping the id Slack gave the modal. */
function updatedView(answer: { json: Record<string, unknown> | null }, id: string): View {
  expect(answer.json?.response_action).toBe('update');
  return { ...(answer.json!.view as View), id };
}

/** `/mentor join` and the first step, to the point where the GOALS form is open. */
async function onboardThroughProfile(user: FakeUser): Promise<View> {
  const joined = await world.command(user, 'join');
  const opened = joined.opened!.answer.body.view as View;
  const answer = await world.submit(user, opened, { jobTitle: 'Backend developer', yearsExperience: '4', bio: 'Postgres and queues.' });
  return updatedView(answer, opened.id);
}

/** The whole onboarding, to a profile others can see. */
async function onboardCompletely(user: FakeUser): Promise<void> {
  const goals = await onboardThroughProfile(user);
  const [backend, frontend] = await skillIds('backend', 'frontend');
  const levels = updatedView(await world.submit(user, goals, { mentorshipRole: 'BOTH', mentorshipTypes: ['CAREER_GROWTH'], offeredSkills: [backend!], wantedSkills: [frontend!] }), goals.id);
  const schedule = updatedView(await world.submit(user, levels, { [`OFFER-${backend}`]: '4', [`SEEK-${frontend}`]: '2' }), goals.id);
  updatedView(await world.submit(user, schedule, { timezone: 'Europe/Berlin', availability: '', menteeCapacity: '1' }), goals.id);
  expect((await memberRow(user))?.onboarding_step).toBe('DONE');
}

describe('the workspace', () => {
  it('is a community from the start, with its primary owner as OWNER', async () => {
    expect(await community()).toMatchObject({ name: 'Berlin TypeScript Meetup', status: 'ACTIVE' });
    const members = await database.db.selectFrom('members').select(['role', 'platform_user_id']).where('community_id', '=', (await community()).id).execute();
    expect(members).toEqual([{ role: 'OWNER', platform_user_id: world.owner.id }]);
    expect(world.slack.callsTo('auth.test')[0]?.token).toBe(world.botToken);
  });

  it('answers the Events API URL check with its challenge', async () => {
    const answer = await world.post(urlVerificationRequest('challenge-123', world.signing()));
    expect(answer).toMatchObject({ status: 200, json: { challenge: 'challenge-123' } });
  });
});

describe('request verification', () => {
  const request = (user: FakeUser, signing: Parameters<SlackWorld['signing']>[0]) =>
    commandRequest({ team: world.team, user, command: '/mentor', text: 'join', channelId: world.channelId, triggerId: world.slack.issueTrigger(), responseUrl: world.slack.issueResponseUrl() }, world.signing(signing));

  it('refuses a wrong signature and a stale or future timestamp with 401, and does nothing', async () => {
    const intruder = world.person('mallory');
    const calls = world.slack.calls.length;
    const now = Math.floor(Date.now() / 1000);
    for (const signing of [{ signWith: 'not-the-secret' }, { timestamp: now - 6 * 60 }, { timestamp: now + 6 * 60 }]) {
      const answer = await world.post(request(intruder, signing));
      expect(answer.status).toBe(401);
    }
    const unsigned = await world.server.inject({ method: 'POST', url: '/slack/events', headers: { 'content-type': 'application/json' }, payload: '{"type":"url_verification","challenge":"x"}' });
    expect(unsigned.statusCode).toBe(401);
    expect(world.slack.calls.length).toBe(calls);
    expect(await memberRow(intruder)).toBeUndefined();
    expect(world.log.entries.filter((entry) => entry.message === 'refused a Slack request with a bad or stale signature')).toHaveLength(4);
  });

  it('accepts a request signed within the five minutes', async () => {
    const answer = await world.post(request(world.person('grace'), { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 }));
    expect(answer.status).toBe(200);
  });
});

describe('onboarding in one modal', () => {
  it('takes a new member from /mentor join to a stored profile, each step replacing the form', async () => {
    const linus = world.person('linus');
    const joined = await world.command(linus, 'join');
    expect(joined.answer).toMatchObject({ status: 200, text: '' });
    expect(joined.opened?.token).toBe(world.botToken);
    const profileForm = joined.opened!.answer.body.view as View;
    expect(profileForm.callback_id).toBe('mentor:onboard:submit:PROFILE');
    expect(inputs(profileForm)).toEqual([['jobTitle', 'plain_text_input'], ['yearsExperience', 'plain_text_input'], ['bio', 'plain_text_input']]);
    expect(JSON.parse(String(profileForm.private_metadata))).toEqual({ channelId: world.channelId });

    const afterProfile = await world.submit(linus, profileForm, { jobTitle: 'Platform engineer', yearsExperience: '7', bio: 'Kernels & <compilers>.' });
    const goalsForm = updatedView(afterProfile, profileForm.id);
    expect(goalsForm.callback_id).toBe('mentor:onboard:submit:GOALS');
    expect(inputs(goalsForm)).toEqual([['mentorshipRole', 'static_select'], ['mentorshipTypes', 'multi_static_select'], ['offeredSkills', 'multi_static_select'], ['wantedSkills', 'multi_static_select']]);
    expect((await memberRow(linus))?.onboarding_step).toBe('GOALS');

    const [backend, frontend] = await skillIds('backend', 'frontend');
    const afterGoals = await world.submit(linus, goalsForm, { mentorshipRole: 'BOTH', mentorshipTypes: ['CAREER_GROWTH', 'CODE_REVIEW'], offeredSkills: [backend!], wantedSkills: [frontend!] });
    // The skills just chosen get their levels next, in the same modal.
    const levelsForm = updatedView(afterGoals, profileForm.id);
    expect(levelsForm.callback_id).toBe('mentor:profile:save-levels:0');
    expect(inputs(levelsForm)).toEqual([[`OFFER-${backend}`, 'static_select'], [`SEEK-${frontend}`, 'static_select']]);
    const afterLevels = await world.submit(linus, levelsForm, { [`OFFER-${backend}`]: '5', [`SEEK-${frontend}`]: '1' });
    const scheduleForm = updatedView(afterLevels, profileForm.id);
    expect(scheduleForm.callback_id).toBe('mentor:onboard:submit:SCHEDULE');

    const done = await world.submit(linus, scheduleForm, { timezone: 'Europe/Berlin', availability: 'mon 18:00-20:00\nsat 10:00-12:00', menteeCapacity: '2' });
    const doneView = updatedView(done, profileForm.id);
    expect(visibleText(doneView.blocks)).toContain('Your profile is complete');
    expect(actionIds(doneView.blocks)).toEqual(['mentor:profile:view']);

    expect(await memberRow(linus)).toMatchObject({
      status: 'ACTIVE', onboarding_step: 'DONE', job_title: 'Platform engineer', years_experience: 7, mentorship_role: 'BOTH', timezone: 'Europe/Berlin', mentee_capacity: 2,
    });
    const skills = await database.db.selectFrom('member_skills').select(['skill_id', 'direction', 'level']).where('member_id', '=', (await memberRow(linus))!.id).orderBy('direction').execute();
    expect(skills).toEqual([{ skill_id: Number(backend), direction: 'OFFER', level: 5 }, { skill_id: Number(frontend), direction: 'SEEK', level: 1 }]);

    // "View my profile" inside the modal turns the modal into the profile (views.update on the same view).
    await world.press(linus, 'mentor:profile:view', { type: 'view', view: doneView });
    const update = world.slack.callsTo('views.update').at(-1);
    expect(update?.args.view_id).toBe(profileForm.id);
    const profileText = visibleText((update?.args.view as View).blocks);
    expect(profileText).toContain('Platform engineer');
    expect(profileText).toContain(`<@${linus.id}>`);
    expect(profileText).toContain('Kernels &amp; &lt;compilers&gt;.');
  });

  it('rates more than five skills page by page in the same modal, then goes on to the schedule', async () => {
    const ada = world.person('ada-levels');
    const goals = await onboardThroughProfile(ada);
    const offered = await skillIds('backend', 'frontend', 'mobile');
    const wanted = await skillIds('cloud', 'devops', 'security');
    const first = updatedView(await world.submit(ada, goals, { mentorshipRole: 'BOTH', mentorshipTypes: ['CODE_REVIEW'], offeredSkills: offered, wantedSkills: wanted }), goals.id);
    expect(first.callback_id).toBe('mentor:profile:save-levels:0');
    expect(inputs(first)).toHaveLength(5);
    const second = updatedView(await world.submit(ada, first, Object.fromEntries(inputs(first).map(([id]) => [id, '2']))), goals.id);
    expect(second.callback_id).toBe('mentor:profile:save-levels:1');
    expect(inputs(second)).toEqual([[`SEEK-${wanted[2]}`, 'static_select']]);
    const schedule = updatedView(await world.submit(ada, second, { [`SEEK-${wanted[2]}`]: '5' }), goals.id);
    expect(schedule.callback_id).toBe('mentor:onboard:submit:SCHEDULE');
    const levels = await database.db.selectFrom('member_skills').select('level').where('member_id', '=', (await memberRow(ada))!.id).orderBy('level').execute();
    expect(levels.map((row) => row.level)).toEqual([2, 2, 2, 2, 2, 5]);
    expect((await memberRow(ada))?.onboarding_step).toBe('SCHEDULE');
  });

  it('resumes an interrupted onboarding at the step where it stopped', async () => {
    const margaret = world.person('margaret');
    await onboardThroughProfile(margaret);
    const again = await world.command(margaret, 'join');
    expect((again.opened?.answer.body.view as View).callback_id).toBe('mentor:onboard:submit:GOALS');
  });

  it('shows an invalid answer under its field, keeps the form open and saves nothing', async () => {
    const barbara = world.person('barbara');
    const joined = await world.command(barbara, 'join');
    const form = joined.opened!.answer.body.view as View;
    const refused = await world.submit(barbara, form, { jobTitle: 'Architect', yearsExperience: 'lots', bio: '' });
    expect(refused.json?.response_action).toBe('errors');
    const errors = refused.json?.errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual(['yearsExperience']);
    expect(errors.yearsExperience).toMatch(/whole number/);
    expect(await memberRow(barbara)).toMatchObject({ onboarding_step: 'PROFILE', job_title: null, years_experience: null });
  });
});

describe('commands', () => {
  it('/mentor help lists the commands from commands.json, privately', async () => {
    const { answer, replies } = await world.command(world.person('ken'), 'help');
    expect(answer.status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = visibleText(replies[0]?.body.blocks);
    expect(text).toContain('/mentor join');
    expect(text).toContain('/mentor data export');
    expect(text).not.toContain('For admins');
    expect(text).toContain('`/mentor find [skill:…] [looking-for:mentor|mentee]`');
    expect(text).toContain('`/mentor request &lt;member:@someone&gt;`');
    expect(String(replies[0]?.body.text)).toContain('What the mentor bot can do');
  });

  it('answers an option name it does not know, or a bad value, with what to fix and the named usage', async () => {
    const ken = world.person('ken-named');
    const unknown = await world.command(ken, 'find python mentor level:senior');
    const text = visibleText(unknown.replies[0]?.body.blocks);
    expect(text).toContain('`level` is not an option here. Use `skill` or `looking-for`.');
    expect(text).toContain('Usage: `/mentor find [skill:…] [looking-for:mentor|mentee]`');
    const bad = await world.command(ken, 'find skill:python looking-for:teacher');
    expect(visibleText(bad.replies[0]?.body.blocks)).toContain('`looking-for` should be one of: mentor, mentee.');
  });

  it('answers an unknown subcommand, and nothing at all, with the help', async () => {
    const unknown = await world.command(world.owner, 'dance now');
    expect(visibleText(unknown.replies[0]?.body.blocks)).toContain('`/mentor dance now` is not a command I know.');
    expect(visibleText(unknown.replies[0]?.body.blocks)).toContain('For admins');
    const empty = await world.command(world.owner, '');
    expect(visibleText(empty.replies[0]?.body.blocks)).toContain('/mentor join');
  });

  it('/mentor profile <@U…|name> shows another member\'s profile', async () => {
    const alan = world.person('alan');
    await onboardCompletely(alan);
    const viewer = world.person('viewer');
    await onboardThroughProfile(viewer);
    const { replies } = await world.command(viewer, `profile <@${alan.id}|alan>`);
    const text = visibleText(replies[0]?.body.blocks);
    expect(text).toContain('Backend developer');
    expect(text).toContain(`<@${alan.id}>`);
    expect(actionIds(replies[0]?.body.blocks)).toEqual([]);

    const nobody = await world.command(viewer, `profile <@U0NOBODY>`);
    expect(visibleText(nobody.replies[0]?.body.blocks)).toContain('That member has no profile to show.');
    const typo = await world.command(viewer, 'profile alan');
    expect(visibleText(typo.replies[0]?.body.blocks)).toContain('`member` should mention someone');
    expect(visibleText(typo.replies[0]?.body.blocks)).toContain('/mentor profile [member:@someone]');
  });

  it('/mentor data export answers privately with the JSON document in code blocks', async () => {
    const edsger = world.person('edsger');
    await onboardThroughProfile(edsger);
    const { replies } = await world.command(edsger, 'data export');
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    const blocks = replies[0]?.body.blocks as { type: string; text?: { text: string } }[];
    const code = blocks.filter((block) => block.type === 'section' && block.text?.text.startsWith('```')).map((block) => block.text!.text.slice(3, -3)).join('');
    const json = code.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const document = JSON.parse(json) as { format: string; member: { jobTitle: string; platformUserId: string } };
    expect(document.format).toBe('mentorship-bot/member-data');
    expect(document.member).toMatchObject({ jobTitle: 'Backend developer', platformUserId: edsger.id });
    expect(visibleText(blocks)).toMatch(/my-mentorship-data-\d{4}-\d{2}-\d{2}\.json/);
  });

  it('/mentor data delete asks first; the buttons keep or erase', async () => {
    const frances = world.person('frances');
    await onboardThroughProfile(frances);
    const asked = await world.command(frances, 'data delete');
    expect(actionIds(asked.replies[0]?.body.blocks)).toEqual(['mentor:data:erase', 'mentor:data:keep']);
    const message = { type: 'message' as const, channelId: world.channelId, responseUrl: world.slack.issueResponseUrl() };
    await world.press(frances, 'mentor:data:keep', message);
    expect(visibleText(world.slack.responsesTo(message.responseUrl)[0]?.body.blocks)).toBe('Nothing was erased.');
    await world.press(frances, 'mentor:data:erase', message);
    expect(visibleText(world.slack.responsesTo(message.responseUrl)[1]?.body.blocks)).toContain('Your personal data has been erased');
    expect(await memberRow(frances)).toBeUndefined();
  });

  it('/mentor settings opens the notification form; a bad field shows under it', async () => {
    const hedy = world.person('hedy');
    await onboardThroughProfile(hedy);
    const { opened } = await world.command(hedy, 'settings');
    const form = opened!.answer.body.view as View;
    expect(form.callback_id).toBe('mentor:notifications:save');
    const refused = await world.submit(hedy, form, { dmKinds: ['requests'], digest: 'daily', quietHours: 'late' });
    expect(Object.keys(refused.json?.errors as object)).toEqual(['quietHours']);
    const saved = await world.submit(hedy, form, { dmKinds: ['requests'], digest: 'daily', quietHours: '23:00-07:00' });
    expect(visibleText((saved.json?.view as View).blocks)).toContain('saved');
  });

  it('/mentor admin gives an admin a private single-use login link; a regular member is refused', async () => {
    const { replies } = await world.command(world.owner, 'admin');
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    const text = visibleText(replies[0]?.body.blocks);
    expect(text).toMatch(/https:\/\/mentor\.example\.test\/login\/[A-Za-z0-9_-]+/);
    const owner = await memberRow(world.owner);
    const links = await database.db.selectFrom('login_links').select(['member_id', 'expires_at']).where('member_id', '=', owner!.id).execute();
    expect(links).toHaveLength(1);

    const regular = world.person('katherine');
    await onboardCompletely(regular);
    const refused = await world.command(regular, 'admin');
    expect(refused.replies[0]?.body.response_type).toBe('ephemeral');
    expect(visibleText(refused.replies[0]?.body.blocks)).toContain('Only admins and owners can do this.');
    expect(visibleText(refused.replies[0]?.body.blocks)).not.toContain('/login/');
    const regularId = (await memberRow(regular))!.id;
    expect(await database.db.selectFrom('login_links').select('id').where('member_id', '=', regularId).execute()).toEqual([]);
  });

  it('tells someone who has not joined to start with the join command', async () => {
    const { replies } = await world.command(world.person('tim'), 'data export');
    expect(visibleText(replies[0]?.body.blocks)).toContain('start with the join command');
  });

  it('answers a button it no longer knows as out of date', async () => {
    const user = world.person('stale');
    const message = { type: 'message' as const, channelId: world.channelId, responseUrl: world.slack.issueResponseUrl() };
    await world.press(user, 'mentor:onboard:submit:NOT_A_STEP', message);
    expect(visibleText(world.slack.responsesTo(message.responseUrl)[0]?.body.blocks)).toBe(routerMessages.stale);
  });
});

describe('when Slack will not open a form', () => {
  it('says so privately when the trigger id expired, and keeps serving', async () => {
    const late = world.person('late');
    const { replies, opened } = await world.command(late, 'join', { expireTrigger: true });
    expect(opened?.answer.body).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    expect(visibleText(replies[0]?.body.blocks)).toBe(routerMessages.formExpired);
    const again = await world.command(late, 'join');
    expect((again.opened?.answer.body.view as View).callback_id).toBe('mentor:onboard:submit:PROFILE');
  });

  it('says so privately when views.open fails or is rate limited', async () => {
    const user = world.person('unlucky');
    world.slack.fail('views.open', slackFailures.serverError());
    const failed = await world.command(user, 'join');
    expect(visibleText(failed.replies[0]?.body.blocks)).toBe(routerMessages.formFailed);
    world.slack.fail('views.open', slackFailures.rateLimited(30));
    const limited = await world.command(user, 'settings');
    expect(visibleText(limited.replies[0]?.body.blocks)).toBe(routerMessages.formFailed);
    expect(world.log.entries.filter((entry) => entry.message === 'could not open a Slack form' && entry.fields.userId === user.id)).toHaveLength(2);
  });

  it('logs and moves on when even the response URL is gone', async () => {
    const user = world.person('gone');
    const triggerId = world.slack.issueTrigger();
    world.slack.expireTrigger(triggerId);
    const responseUrl = world.slack.issueResponseUrl();
    world.slack.expireResponseUrl(responseUrl);
    const answer = await world.post(commandRequest({ team: world.team, user, command: '/mentor', text: 'join', channelId: world.channelId, triggerId, responseUrl }, world.signing()));
    expect(answer.status).toBe(200);
    expect(world.log.entries.some((entry) => entry.message === 'could not tell the user about the failure' && entry.fields.userId === user.id)).toBe(true);
  });
});

describe('App Home', () => {
  it('invites someone who has not joined, with a Join button that opens the first form', async () => {
    const newcomer = world.person('newcomer');
    await world.event({ type: 'app_home_opened', user: newcomer.id, channel: 'D1', tab: 'home', event_ts: '1.1' });
    const published = world.slack.callsTo('views.publish').at(-1);
    expect(published?.args.user_id).toBe(newcomer.id);
    const view = published?.args.view as View;
    expect(view.type).toBe('home');
    expect(visibleText(view.blocks)).toContain('Welcome to Mentorship program');
    expect(actionIds(view.blocks)).toEqual(['mentor:onboard:open:PROFILE']);
    expect(await memberRow(newcomer)).toBeUndefined();

    const home = { ...(published!.answer.body.view as View) };
    const { triggerId } = await world.press(newcomer, 'mentor:onboard:open:PROFILE', { type: 'view', view: home });
    const opened = world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId);
    expect((opened?.args.view as View).callback_id).toBe('mentor:onboard:submit:PROFILE');
  });

  it('shows a member mid-way through onboarding the step to continue, and ignores the Messages tab', async () => {
    const ada = world.person('ada-lovelace');
    await onboardThroughProfile(ada);
    await world.event({ type: 'app_home_opened', user: ada.id, channel: 'D2', tab: 'home', event_ts: '1.2' });
    const midway = world.slack.callsTo('views.publish').at(-1)?.args.view as View;
    expect(visibleText(midway.blocks)).toContain('Step 2 of 3');
    expect(actionIds(midway.blocks)).toEqual(['mentor:onboard:open:GOALS']);

    await world.event({ type: 'app_home_opened', user: world.owner.id, channel: 'D3', tab: 'messages', event_ts: '1.3' });
    expect(world.slack.callsTo('views.publish').at(-1)?.args.user_id).toBe(ada.id);
  });
});

describe('App Home dashboard', () => {
  it('shows a request waiting for the member with its Accept button; accepting there accepts it and publishes the home again', async () => {
    const { id: communityId } = await community();
    const built = { id: communityId, platform: 'slack' as const, externalId: world.team.id, timezone: 'Europe/Berlin' };
    const mentor = await makeMember(database.db, built, { platformUserId: world.person('home-mentor').id });
    const mentee = await makeMember(database.db, built, { platformUserId: world.person('home-mentee').id });
    const { id } = await makeMentorship(database.db, built, { mentor, mentee, status: 'PENDING', description: 'Query plans and indexes' });
    const mentorUser = world.slack.users.get(mentor.platformUserId)!;

    await world.event({ type: 'app_home_opened', user: mentorUser.id, channel: 'D9', tab: 'home', event_ts: '5.1' });
    const published = world.slack.callsTo('views.publish').at(-1);
    expect(published?.args.user_id).toBe(mentorUser.id);
    const home = published?.answer.body.view as View;
    expect(home.type).toBe('home');
    expect(visibleText(home.blocks)).toContain('Mentorship request');
    expect(visibleText(home.blocks)).toContain('Query plans and indexes');
    expect(actionIds(home.blocks)).toEqual(expect.arrayContaining([`mentor:request:accept:${id}`, `mentor:request:reject:${id}`]));

    const publishes = world.slack.callsTo('views.publish').length;
    const { triggerId } = await world.press(mentorUser, `mentor:request:accept:${id}`, { type: 'view', view: home });
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('ACCEPTED');
    // The answer opens over the home (a home has no response URL), and the home is published again without the request.
    expect(world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId)?.answer.body.ok).toBe(true);
    const republished = world.slack.callsTo('views.publish').slice(publishes);
    expect(republished.map((call) => call.args.user_id)).toEqual([mentorUser.id]);
    const after = republished[0]?.args.view as View;
    expect(actionIds(after.blocks)).not.toContain(`mentor:request:accept:${id}`);
    expect(visibleText(after.blocks)).toContain('Query plans and indexes');
    expect(visibleText(after.blocks)).toContain('Mentoring');
  });
});

describe('events', () => {
  it('handles a retried event once (x-slack-retry-num, same event_id)', async () => {
    const newcomer = world.person('katherine');
    const event = { type: 'team_join', user: { id: newcomer.id, name: newcomer.name, real_name: newcomer.realName, is_bot: false, deleted: false, team_id: world.team.id }, event_ts: '2.1' };
    const first = await world.event(event, { eventId: 'Ev-retried' });
    const retry = await world.event(event, { eventId: 'Ev-retried', retryNum: 1 });
    const again = await world.event(event, { eventId: 'Ev-retried', retryNum: 2 });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    const welcomes = world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === newcomer.id);
    expect(welcomes).toHaveLength(1);
    expect(visibleText(welcomes[0]?.args.blocks)).toContain('/mentor join');
    expect(world.log.entries.filter((entry) => entry.message === 'dropped a Slack event already handled (a retry)')).toHaveLength(2);
  });

  it('logs and moves on when a newcomer cannot get DMs', async () => {
    const closed = world.person('closed');
    world.slack.fail('chat.postMessage', slackFailures.error('cannot_dm_bot'));
    await world.event({ type: 'team_join', user: { id: closed.id, name: closed.name, is_bot: false, deleted: false }, event_ts: '2.2' });
    expect(world.log.entries.some((entry) => entry.message.includes('cannot get DMs') && entry.fields.userId === closed.id)).toBe(true);
  });

  it('marks a deactivated member as LEFT', async () => {
    const leaver = world.person('leaver');
    await onboardThroughProfile(leaver);
    await world.event({ type: 'user_change', user: { id: leaver.id, name: leaver.name, deleted: true }, event_ts: '2.3' });
    expect((await memberRow(leaver))?.status).toBe('LEFT');
  });

  it('passes messages in private channels and group DMs to the activity hook, without their text', async () => {
    const author = world.person('pair-member');
    const base = { type: 'message', user: author.id, text: 'private words', ts: '1767225600.000100', event_ts: '1767225600.000100' };
    await world.event({ ...base, channel: 'G0PAIR', channel_type: 'group' });
    await world.event({ ...base, channel: 'G0MPIM', channel_type: 'mpim' });
    await world.event({ ...base, channel: 'C0PUBLIC', channel_type: 'channel' });
    await world.event({ ...base, channel: 'G0PAIR', channel_type: 'group', subtype: 'channel_join' });
    await world.event({ ...base, channel: 'G0PAIR', channel_type: 'group', user: world.team.botUserId, bot_id: world.team.botId });
    expect(activity).toEqual([
      { platform: 'slack', communityExternalId: world.team.id, spaceId: 'G0PAIR', authorPlatformUserId: author.id, at: new Date('2026-01-01T00:00:00.000Z') },
      { platform: 'slack', communityExternalId: world.team.id, spaceId: 'G0MPIM', authorPlatformUserId: author.id, at: new Date('2026-01-01T00:00:00.000Z') },
    ]);
    expect(JSON.stringify(activity)).not.toContain('private words');
  });
});

describe('the "Report this message" shortcut', () => {
  const secret = 'Meet me after the session, alone, or else.';
  const shortcut = async (user: FakeUser, message: { ts: string; text: string; user?: string; bot_id?: string; thread_ts?: string }) => {
    const triggerId = world.slack.issueTrigger();
    const responseUrl = world.slack.issueResponseUrl();
    const answer = await world.post(interactionRequest(messageShortcutPayload({
      team: world.team, user, callbackId: 'mentor_report_message', channelId: world.channelId, message, triggerId, responseUrl,
    }), world.signing()));
    return { answer, replies: world.slack.responsesTo(responseUrl), opened: world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId) };
  };
  const built = async () => ({ id: (await community()).id, platform: 'slack' as const, externalId: world.team.id, timezone: 'Europe/Berlin' });

  it('opens the report form about the author with the message\'s link and an excerpt; submitting files a sealed report for the admins', async () => {
    const reporter = await makeMember(database.db, await built(), { platformUserId: world.person('rosalind').id });
    const author = await makeMember(database.db, await built(), { platformUserId: world.person('mallory-member').id });
    const reporterUser = world.slack.users.get(reporter.platformUserId)!;

    const { answer, opened } = await shortcut(reporterUser, { ts: '1767225600.000200', text: secret, user: author.platformUserId });
    expect(answer.status).toBe(200);
    const form = opened?.answer.body.view as View;
    expect(form.callback_id).toBe(`mentor:report:file-member:${author.id}`);
    expect(inputs(form).map(([id]) => id)).toEqual(['category', 'details', 'message']);
    const prefilled = ((form.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((block) => block.block_id === 'message')?.element?.initial_value) ?? '';
    expect(prefilled).toContain(`https://${world.team.domain}.slack.com/archives/${world.channelId}/p1767225600000200`);
    expect(prefilled).toContain(secret);

    const submitted = await world.submit(reporterUser, form, { category: 'HARASSMENT', details: 'A threatening message in the general channel today.', message: prefilled });
    expect(submitted.json?.response_action).toBe('update');
    expect(visibleText((submitted.json?.view as View).blocks)).toContain('Your report went to the admins only');
    const report = await database.db.selectFrom('reports').select(['id', 'reporter_id', 'reported_member_id', 'category', 'details_encrypted']).where('reporter_id', '=', reporter.id).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ reported_member_id: author.id, category: 'HARASSMENT' });
    expect(report.details_encrypted).not.toContain('threatening');
    const details = createFieldCipher(testSecretKey).open(report.details_encrypted, `reports.details:${report.id}`);
    expect(details).toContain('A threatening message in the general channel today.');
    expect(details).toContain(`/archives/${world.channelId}/p1767225600000200`);
    const notices = await database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', `report:${report.id}:admin:%`).execute();
    expect(notices.length).toBeGreaterThan(0);
    // The message's text reached the form only: never a log line.
    expect(JSON.stringify(world.log.entries)).not.toContain('alone, or else');
  });

  it('answers plainly for your own message and for an app\'s, and opens no form', async () => {
    const self = await makeMember(database.db, await built(), { platformUserId: world.person('selfie').id });
    const selfUser = world.slack.users.get(self.platformUserId)!;
    const own = await shortcut(selfUser, { ts: '1.2', text: 'mine', user: self.platformUserId });
    expect(own.opened).toBeUndefined();
    expect(own.replies[0]?.body.response_type).toBe('ephemeral');
    expect(visibleText(own.replies[0]?.body.blocks)).toBe(reportShortcutMessages.yourself);

    const fromBot = await shortcut(selfUser, { ts: '1.3', text: 'Your session starts soon', user: world.team.botUserId, bot_id: world.team.botId });
    expect(fromBot.opened).toBeUndefined();
    expect(visibleText(fromBot.replies[0]?.body.blocks)).toBe(reportShortcutMessages.notAPerson);
    const ownBotUser = await shortcut(selfUser, { ts: '1.4', text: 'Reminder', user: world.team.botUserId });
    expect(visibleText(ownBotUser.replies[0]?.body.blocks)).toBe(reportShortcutMessages.notAPerson);
  });

  it('asks someone who has not joined to join first, and says so when the form cannot open in time', async () => {
    const author = await makeMember(database.db, await built(), { platformUserId: world.person('author-two').id });
    const stranger = world.person('not-joined');
    const notJoined = await shortcut(stranger, { ts: '1.5', text: 'hello', user: author.platformUserId });
    expect(notJoined.opened).toBeUndefined();
    expect(visibleText(notJoined.replies[0]?.body.blocks)).toContain('Join the mentorship program first');

    const reporter = await makeMember(database.db, await built(), { platformUserId: world.person('slowpoke').id });
    world.slack.fail('views.open', slackFailures.error('expired_trigger_id'));
    const late = await shortcut(world.slack.users.get(reporter.platformUserId)!, { ts: '1.6', text: 'hello', user: author.platformUserId });
    expect(visibleText(late.replies[0]?.body.blocks)).toBe(routerMessages.formExpired);
    expect(await database.db.selectFrom('reports').select('id').where('reporter_id', '=', reporter.id).execute()).toEqual([]);
  });
});

describe('a code of conduct to accept', () => {
  it('shows it in the modal after the last form; its button finishes the onboarding in place', async () => {
    const { id } = await community();
    await database.db.updateTable('communities').set({ settings: JSON.stringify({ codeOfConduct: { text: 'Be kind & patient.', required: true } }) }).where('id', '=', id).execute();
    try {
      const barbara = world.person('barbara-liskov');
      const goals = await onboardThroughProfile(barbara);
      const [backend] = await skillIds('backend');
      const levels = updatedView(await world.submit(barbara, goals, { mentorshipRole: 'MENTOR', mentorshipTypes: ['CAREER_GROWTH'], offeredSkills: [backend!], wantedSkills: [] }), goals.id);
      const schedule = updatedView(await world.submit(barbara, levels, { [`OFFER-${backend}`]: '5' }), goals.id);
      const conduct = updatedView(await world.submit(barbara, schedule, { timezone: 'Europe/Berlin', availability: '', menteeCapacity: '1' }), goals.id);
      expect(visibleText(conduct.blocks)).toContain('Be kind &amp; patient.');
      expect(actionIds(conduct.blocks)).toEqual(['mentor:onboard:submit:CODE_OF_CONDUCT']);

      await world.press(barbara, 'mentor:onboard:submit:CODE_OF_CONDUCT', { type: 'view', view: conduct });
      const update = world.slack.callsTo('views.update').at(-1);
      expect(update?.args.view_id).toBe(goals.id);
      expect(visibleText((update?.args.view as View).blocks)).toContain('Your profile is complete');
      expect((await memberRow(barbara))?.onboarding_step).toBe('DONE');
    } finally {
      await database.db.updateTable('communities').set({ settings: '{}' }).where('id', '=', id).execute();
    }
  });
});
