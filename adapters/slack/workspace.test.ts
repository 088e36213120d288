import { SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/field-cipher.js';
import { routerMessages } from './router.js';
import { resolveActor } from '../../core/access/resolve-actor.js';
import { uninstallCommunity } from '../../core/communities/uninstall-community.js';
import { systemClock } from '../../core/ports/clock.js';
import { expectOk } from '../../test/builders.js';
import { createSlackReceiver } from './start.js';
import { FastifyReceiver } from './http-receiver.js';
import { useTestDatabase } from '../../test/database.js';
import { recordingLog, startSlackWorld, testPublicUrl, testSecretKey, type SlackWorld } from '../../test/fake-slack/world.js';
import { commandRequest } from '../../test/fake-slack/signed-requests.js';
import type { FakeTeam, FakeUser } from '../../test/fake-slack/fake-slack.js';
import { visibleText } from '../../test/fake-slack/blocks.js';

/**
 * Multi-workspace mode (SLACK_CLIENT_ID): OAuth installs stored sealed in
 * Postgres, workspaces becoming INACTIVE when Slack takes the app's access
 * away, and ACTIVE again on a new install.
 */
const database = useTestDatabase();
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({ db: database.db, mode: 'multi-workspace' });
});
afterAll(async () => {
  await world?.stop();
});

interface Installed {
  readonly team: FakeTeam;
  readonly installer: FakeUser;
  readonly botToken: string;
}

/** The browser side of an install: /slack/install, Slack's consent (the fake grants it), back to /slack/oauth_redirect. */
async function install(name: string): Promise<Installed & { page: string; status: number }> {
  const start = await world.server.inject({ method: 'GET', url: '/slack/install' });
  expect(start.statusCode).toBe(302);
  const authorize = new URL(String(start.headers.location));
  const cookie = String(start.headers['set-cookie']).split(';')[0]!;
  const { team, botToken } = world.slack.addTeam({ name });
  const installer = world.slack.addUser(team, `${name.split(' ')[0]!.toLowerCase()}-admin`);
  const code = world.slack.grantInstall(team, installer, botToken);
  const callback = await world.server.inject({
    method: 'GET',
    url: `/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(authorize.searchParams.get('state') ?? '')}`,
    headers: { cookie },
  });
  return { team, installer, botToken, page: callback.body, status: callback.statusCode };
}

async function communityOf(team: FakeTeam) {
  return database.db.selectFrom('communities').select(['id', 'name', 'status']).where('platform', '=', 'slack').where('external_id', '=', team.id).executeTakeFirst();
}

async function installationOf(team: FakeTeam) {
  return database.db.selectFrom('slack_installations').select(['team_id', 'bot_user_id', 'bot_token_encrypted', 'installer_user_id', 'scopes', 'installation_encrypted', 'revoked_at']).where('team_id', '=', team.id).executeTakeFirst();
}

async function join(team: FakeTeam, user: FakeUser) {
  const triggerId = world.slack.issueTrigger();
  const responseUrl = world.slack.issueResponseUrl();
  const answer = await world.post(commandRequest({ team, user, command: '/mentor', text: 'join', channelId: 'C0GENERAL', triggerId, responseUrl }, world.signing()));
  return { answer, opened: world.slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId), replies: world.slack.responsesTo(responseUrl) };
}

describe('OAuth install', () => {
  it('sends the visitor to Slack with the bot scopes, our redirect URL and a state bound to a cookie', async () => {
    const start = await world.server.inject({ method: 'GET', url: '/slack/install' });
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('client-id');
    expect(location.searchParams.get('redirect_uri')).toBe(`${testPublicUrl}/slack/oauth_redirect`);
    expect(location.searchParams.get('scope')?.split(',')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'groups:write', 'users:read']));
    expect(String(start.headers['set-cookie'])).toContain(`slack-app-oauth-state=${location.searchParams.get('state')}`);
  });

  it('stores the installation with the bot token sealed, and makes the installer the first OWNER', async () => {
    const { team, installer, botToken, page, status } = await install('Lisbon Rust Club');
    expect(status).toBe(200);
    expect(page).toContain('Installed in Lisbon Rust Club');
    const row = await installationOf(team);
    expect(row).toMatchObject({ team_id: team.id, bot_user_id: team.botUserId, installer_user_id: installer.id, revoked_at: null });
    expect(row?.scopes).toContain('chat:write');
    expect(row?.bot_token_encrypted).not.toContain(botToken);
    expect(row?.installation_encrypted).not.toContain(botToken);
    expect(createFieldCipher(testSecretKey).open(row!.bot_token_encrypted, `slack_installations.bot_token:${team.id}`)).toBe(botToken);

    const community = await communityOf(team);
    expect(community).toMatchObject({ name: 'Lisbon Rust Club', status: 'ACTIVE' });
    const members = await database.db.selectFrom('members').select(['role', 'platform_user_id', 'display_name']).where('community_id', '=', community!.id).execute();
    expect(members).toEqual([{ role: 'OWNER', platform_user_id: installer.id, display_name: installer.name }]);
  });

  it('serves the installed workspace with its own token', async () => {
    const { team, botToken } = await install('Madrid Go Meetup');
    const { opened } = await join(team, world.slack.addUser(team, 'rob'));
    expect(opened?.token).toBe(botToken);
    expect((opened?.answer.body.view as { callback_id: string }).callback_id).toBe('mentor:onboard:submit:PROFILE');
  });

  it('refuses a callback whose state does not match the browser\'s cookie, and stores nothing', async () => {
    const { team } = world.slack.addTeam({ name: 'Forged' });
    const code = world.slack.grantInstall(team, world.slack.addUser(team, 'eve'), 'xoxb-forged');
    const callback = await world.server.inject({ method: 'GET', url: `/slack/oauth_redirect?code=${code}&state=made-up`, headers: { cookie: 'slack-app-oauth-state=other' } });
    expect(callback.statusCode).toBe(400);
    expect(callback.body).toContain('The install did not finish');
    expect(await installationOf(team)).toBeUndefined();
    expect(await communityOf(team)).toBeUndefined();
  });

  it('drops, with a log line, a request from a workspace where the app is not installed', async () => {
    const { team } = world.slack.addTeam({ name: 'Stranger' });
    const { answer, opened, replies } = await join(team, world.slack.addUser(team, 'stranger'));
    expect(answer.status).toBe(200);
    expect(opened).toBeUndefined();
    expect(replies).toEqual([]);
    expect(await communityOf(team)).toBeUndefined();
    expect(world.log.entries.some((entry) => entry.message.includes('Authorization of incoming event did not succeed'))).toBe(true);
  });
});

describe('losing access', () => {
  it('marks the workspace INACTIVE on tokens_revoked for the bot, and ACTIVE again on reinstall', async () => {
    const { team } = await install('Porto JS');
    await world.event({ type: 'tokens_revoked', tokens: { oauth: ['U0SOMEUSER'] }, event_ts: '3.0' }, { team });
    expect((await communityOf(team))?.status).toBe('ACTIVE');

    await world.event({ type: 'tokens_revoked', tokens: { bot: [team.botUserId] }, event_ts: '3.1' }, { team });
    expect((await communityOf(team))?.status).toBe('INACTIVE');
    expect((await installationOf(team))?.revoked_at).toBeInstanceOf(Date);
    const { opened } = await join(team, world.slack.addUser(team, 'after'));
    expect(opened).toBeUndefined();

    const code = world.slack.grantInstall(team, world.slack.addUser(team, 'reinstaller'), 'xoxb-porto-2');
    const start = await world.server.inject({ method: 'GET', url: '/slack/install' });
    const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
    const again = await world.server.inject({ method: 'GET', url: `/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, headers: { cookie: String(start.headers['set-cookie']).split(';')[0]! } });
    expect(again.statusCode).toBe(200);
    expect((await communityOf(team))?.status).toBe('ACTIVE');
    expect((await installationOf(team))?.revoked_at).toBeNull();
    expect((await join(team, world.slack.addUser(team, 'back'))).opened?.token).toBe('xoxb-porto-2');
  });

  it('marks the workspace INACTIVE on app_uninstalled', async () => {
    const { team } = await install('Vigo Python');
    await world.event({ type: 'app_uninstalled', event_ts: '4.0' }, { team });
    expect((await communityOf(team))?.status).toBe('INACTIVE');
    expect((await installationOf(team))?.revoked_at).toBeInstanceOf(Date);
  });

  it('notices a revoked token during a command: tells the person, marks the workspace INACTIVE, keeps serving others', async () => {
    const { team, botToken } = await install('Braga Elixir');
    world.slack.revokeToken(botToken);
    const { answer, opened, replies } = await join(team, world.slack.addUser(team, 'unlucky'));
    expect(answer.status).toBe(200);
    expect(opened?.answer.body).toMatchObject({ ok: false, error: 'token_revoked' });
    expect(visibleText(replies[0]?.body.blocks)).toBe(routerMessages.revoked);
    expect((await communityOf(team))?.status).toBe('INACTIVE');
    expect((await installationOf(team))?.revoked_at).toBeInstanceOf(Date);

    const other = await install('Faro Kotlin');
    expect((await join(other.team, world.slack.addUser(other.team, 'fine'))).opened?.token).toBe(other.botToken);
  });

  it('notices a revoked token when publishing the App Home, and marks the workspace INACTIVE', async () => {
    const { team, botToken, installer } = await install('Evora Go');
    world.slack.revokeToken(botToken);
    const answer = await world.event({ type: 'app_home_opened', user: installer.id, channel: 'D1', tab: 'home', event_ts: '6.1' }, { team });
    expect(answer.status).toBe(200);
    expect(world.slack.callsTo('views.publish').at(-1)?.answer.body).toMatchObject({ ok: false, error: 'token_revoked' });
    expect((await communityOf(team))?.status).toBe('INACTIVE');
    expect((await installationOf(team))?.revoked_at).toBeInstanceOf(Date);
  });
});

describe('an owner’s uninstall', () => {
  it('switches the workspace off while the app stays installed, until the app is installed again', async () => {
    const { team, installer } = await install('Granada Scala');
    const { id } = (await communityOf(team))!;
    const owner = await resolveActor(database.db, { communityId: id, platformUserId: installer.id });
    expectOk(await uninstallCommunity({ db: database.db, clock: systemClock }, owner, { confirmName: 'Granada Scala' }));
    expect((await installationOf(team))?.revoked_at).toBeNull();

    const refused = await join(team, world.slack.addUser(team, 'early'));
    expect(refused.opened).toBeUndefined();
    expect(visibleText(refused.replies[0]?.body.blocks)).toContain('switched off in this workspace: an owner uninstalled it');
    expect(visibleText(refused.replies[0]?.body.blocks)).toContain('when a workspace admin installs the app again');

    const code = world.slack.grantInstall(team, installer, 'xoxb-granada-2');
    const start = await world.server.inject({ method: 'GET', url: '/slack/install' });
    const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
    const again = await world.server.inject({ method: 'GET', url: `/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, headers: { cookie: String(start.headers['set-cookie']).split(';')[0]! } });
    expect(again.statusCode).toBe(200);
    const row = await database.db.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ACTIVE', uninstalled_at: null });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_member_id', 'details']).where('community_id', '=', id).orderBy('id').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['community.uninstalled', 'community.reinstalled']);
    expect(audit[1]).toMatchObject({ actor_member_id: null, details: { cause: 'slack.app-installed', wasUninstalled: true } });
    expect((await join(team, world.slack.addUser(team, 'later'))).opened?.token).toBe('xoxb-granada-2');
  });
});

describe('transport', () => {
  it('uses Socket Mode with an app-level token, and our HTTP receiver otherwise', () => {
    const log = recordingLog();
    expect(createSlackReceiver({ appToken: 'xapp-1-A1-1-abc', publicUrl: testPublicUrl }, log).receiver).toBeInstanceOf(SocketModeReceiver);
    expect(createSlackReceiver({ signingSecret: 'secret', publicUrl: testPublicUrl }, log).receiver).toBeInstanceOf(FastifyReceiver);
    expect(() => createSlackReceiver({ publicUrl: testPublicUrl }, log)).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
