import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor } from '../../core/access/resolve-actor.js';
import { findCommunityByExternalId } from '../../core/communities/community.repository.js';
import { uninstallCommunity } from '../../core/communities/uninstall-community.js';
import { systemClock } from '../../core/ports/clock.js';
import { expectOk } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { actionIds, visibleText } from '../../test/fake-slack/blocks.js';
import type { FakeTeam, FakeUser } from '../../test/fake-slack/fake-slack.js';
import { recordingLog, startSlackWorld, type SlackWorld } from '../../test/fake-slack/world.js';
import { slackClientOptions } from './start.js';
import { connectSingleWorkspace } from './workspaces.js';

/**
 * An owner uninstalls the program from the admin site in single-workspace
 * mode (SLACK_BOT_TOKEN), through the real Bolt app against the fake Slack:
 * the app stays installed, so the workspace's commands, buttons, forms and
 * App Home say the program is switched off and change nothing, and a restart
 * with the same working token does not undo the owner's decision (while it
 * does bring back a workspace that had merely lost the app's access).
 */
const database = useTestDatabase();
const deps = () => ({ db: database.db, clock: systemClock });
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({ db: database.db });
});
afterAll(async () => {
  await world?.stop();
});

type View = Record<string, unknown> & { id: string; callback_id: string; blocks: unknown[] };

const communityOf = (team: FakeTeam) =>
  database.db.selectFrom('communities').select(['id', 'status', 'uninstalled_at']).where('platform', '=', 'slack').where('external_id', '=', team.id).executeTakeFirstOrThrow();
const memberOf = async (team: FakeTeam, user: FakeUser) =>
  database.db.selectFrom('members').select(['id', 'job_title']).where('community_id', '=', (await communityOf(team)).id).where('platform_user_id', '=', user.id).executeTakeFirst();

async function uninstall(team: FakeTeam, owner: FakeUser, name: string): Promise<void> {
  const { id } = await communityOf(team);
  const actor = await resolveActor(database.db, { communityId: id, platformUserId: owner.id });
  expectOk(await uninstallCommunity(deps(), actor, { confirmName: name }));
}

/** The adapter's start-up in single-workspace mode, for the workspace of this token. */
async function startUp(botToken: string) {
  const log = recordingLog();
  await connectSingleWorkspace({ deps: deps(), log, botToken, clientOptions: slackClientOptions(world.slack.apiUrl) });
  return log;
}

describe('an uninstalled workspace', () => {
  const switchedOff = 'The mentorship program is switched off in this workspace: an owner uninstalled it';
  let openForm: View;
  let halfway: FakeUser;

  it('is switched off by the owner’s uninstall', async () => {
    // Someone had a form open when the owner uninstalled.
    halfway = world.person('linus');
    openForm = (await world.command(halfway, 'join')).opened!.answer.body.view as View;
    expect(openForm.callback_id).toBe('mentor:onboard:submit:PROFILE');
    await uninstall(world.team, world.owner, 'Berlin TypeScript Meetup');
    expect(await communityOf(world.team)).toMatchObject({ status: 'INACTIVE', uninstalled_at: expect.any(Date) });
    // Slack has no counterpart to the bot leaving a Discord server: nothing is queued for the app itself.
    expect(await database.db.selectFrom('outbox').select('kind').where('kind', '=', 'community.leave').execute()).toEqual([]);
  });

  it('answers a command with the switched-off message, and changes nothing', async () => {
    const newcomer = world.person('grace');
    const { replies, opened } = await world.command(newcomer, 'join');
    expect(opened).toBeUndefined();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    expect(visibleText(replies[0]?.body.blocks)).toBe(`${switchedOff}, so commands, buttons and forms do nothing here. It comes back, with its data, when the person who runs the bot for this workspace turns it back on.`);
    expect(await memberOf(world.team, newcomer)).toBeUndefined();
  });

  it('answers a button and a form the same way, and saves nothing', async () => {
    const message = { type: 'message' as const, channelId: world.channelId, responseUrl: world.slack.issueResponseUrl() };
    await world.press(halfway, 'mentor:onboard:open:PROFILE', message);
    expect(visibleText(world.slack.responsesTo(message.responseUrl)[0]?.body.blocks)).toContain(switchedOff);

    const answer = await world.submit(halfway, openForm, { jobTitle: 'Backend developer', yearsExperience: '4', bio: 'Queues.' });
    expect(answer.json?.response_action).toBe('update');
    expect(visibleText((answer.json?.view as View).blocks)).toContain(switchedOff);
    expect((await memberOf(world.team, halfway))?.job_title ?? null).toBeNull();
  });

  it('shows only the notice on the App Home, and welcomes nobody', async () => {
    await world.event({ type: 'app_home_opened', user: world.owner.id, channel: 'D1', tab: 'home', event_ts: '7.1' });
    const home = world.slack.callsTo('views.publish').at(-1)?.args.view as View;
    expect(home.type).toBe('home');
    expect(visibleText(home.blocks)).toContain(switchedOff);
    expect(actionIds(home.blocks)).toEqual([]);

    const newcomer = world.person('katherine');
    await world.event({ type: 'team_join', user: { id: newcomer.id, name: newcomer.name, is_bot: false, deleted: false, team_id: world.team.id }, event_ts: '7.2' });
    expect(world.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === newcomer.id)).toEqual([]);
  });
});

describe('single-workspace start-up', () => {
  it('does not turn an uninstalled workspace back on because its token works, and says how to', async () => {
    const log = await startUp(world.botToken);
    const { id, status } = await communityOf(world.team);
    expect(status).toBe('INACTIVE');
    const warning = log.entries.find((entry) => entry.level === 'warn');
    expect(warning?.message).toContain('an owner uninstalled the program from the admin site');
    expect(warning?.message).toContain(`npm run community:reinstall -- --community ${id}`);
    expect(await database.db.selectFrom('audit_log').select('action').where('community_id', '=', id).where('action', '=', 'community.reinstalled').execute()).toEqual([]);
  });

  it('turns a workspace that had lost the app’s access back on when its token works again, audited', async () => {
    const { team, botToken } = world.slack.addTeam({ name: 'Lyon Rust' });
    world.slack.addUser(team, 'camille', { isPrimaryOwner: true });
    await startUp(botToken);
    const workspaces = await connectSingleWorkspace({ deps: deps(), log: recordingLog(), botToken, clientOptions: slackClientOptions(world.slack.apiUrl) });
    await workspaces.revoke(team.id, 'tokens_revoked');
    expect(await communityOf(team)).toMatchObject({ status: 'INACTIVE', uninstalled_at: null });

    const log = await startUp(botToken);
    expect(log.entries.filter((entry) => entry.level === 'warn')).toEqual([]);
    const { id, status } = await communityOf(team);
    expect(status).toBe('ACTIVE');
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_member_id', 'details']).where('community_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'community.reinstalled', actor_member_id: null, details: expect.objectContaining({ cause: 'slack.token-works', wasUninstalled: false }) }]);
    expect((await findCommunityByExternalId(database.db, 'slack', team.id))?.uninstalledAt).toBeNull();
  });
});
