import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../core/ports/delivery.js';
import { privateMessage } from '../../core/reply.js';
import { makeCommunity, makeMember, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { visibleText } from '../../test/fake-slack/blocks.js';
import { FakeSlack, slackFailures, type FakeTeam } from '../../test/fake-slack/fake-slack.js';
import { createSlackDelivery } from './dm-delivery.js';

const database = useTestDatabase();
let slack: FakeSlack;
let team: FakeTeam;
let botToken: string;
let community: BuiltCommunity;
let member: BuiltMember;
let sequence = 0;
const revoked: string[] = [];

beforeAll(async () => {
  slack = await FakeSlack.start();
  ({ team, botToken } = slack.addTeam({ name: 'Delivery test' }));
  community = await makeCommunity(database.db, { platform: 'slack', externalId: team.id });
  member = await makeMember(database.db, community, { platformUserId: slack.addUser(team, 'reader').id });
});
afterAll(async () => {
  await slack?.close();
});

function delivery(tokens: Record<string, string> = { [team.id]: botToken }) {
  return createSlackDelivery({
    db: database.db,
    botTokenFor: async (teamId) => tokens[teamId] ?? null,
    onRevoked: async (teamId) => void revoked.push(teamId),
    apiUrl: slack.apiUrl,
  });
}

function dmItem(overrides: Partial<OutboxItem> = {}, recipient: BuiltMember = member): OutboxItem {
  sequence++;
  return {
    id: sequence,
    communityId: community.id,
    platform: 'slack',
    kind: 'dm',
    // As the dispatcher hands it over: read back from JSON, so times are ISO strings.
    payload: JSON.parse(JSON.stringify({
      recipientMemberId: recipient.id,
      message: privateMessage(['Your session starts ', { time: new Date('2026-03-02T18:00:00Z'), style: 'relative' }, ' with ', { mention: 'U0MENTOR' }], { title: 'Reminder' }),
    })) as Record<string, unknown>,
    dedupeKey: `reminder:session:${sequence}:member:${recipient.id}`,
    attempts: 0,
    ...overrides,
  };
}

describe('Slack outbox delivery (dm)', () => {
  it('opens the DM with the member and posts the rendered blocks with a text fallback', async () => {
    expect(await delivery().deliver(dmItem())).toEqual({ status: 'sent' });
    const opened = slack.callsTo('conversations.open').at(-1);
    expect(opened?.args.users).toBe(member.platformUserId);
    expect(opened?.token).toBe(botToken);
    const posted = slack.callsTo('chat.postMessage').at(-1);
    expect(posted?.args.channel).toBe((opened?.answer.body.channel as { id: string }).id);
    expect(posted?.args.text).toBe('Reminder: Your session starts 2026-03-02 18:00 UTC with <@U0MENTOR>');
    expect(visibleText(posted?.args.blocks)).toContain(`<!date^${Date.parse('2026-03-02T18:00:00Z') / 1000}^{ago}|2026-03-02 18:00 UTC> with <@U0MENTOR>`);
  });

  it('asks to retry after Slack\'s Retry-After on a 429, without waiting inside the attempt', async () => {
    slack.fail('chat.postMessage', slackFailures.rateLimited(7));
    const started = Date.now();
    expect(await delivery().deliver(dmItem())).toMatchObject({ status: 'retry', retryAfterMs: 7000 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries a Slack outage and a network failure', async () => {
    slack.fail('conversations.open', slackFailures.serverError());
    expect(await delivery().deliver(dmItem())).toMatchObject({ status: 'retry' });
    const unreachable = createSlackDelivery({ db: database.db, botTokenFor: async () => botToken, apiUrl: 'http://127.0.0.1:9/api/', timeoutMs: 2000 });
    expect(await unreachable.deliver(dmItem())).toMatchObject({ status: 'retry' });
  });

  it('fails for good when the person cannot be reached', async () => {
    slack.fail('conversations.open', slackFailures.error('user_not_found'));
    expect(await delivery().deliver(dmItem())).toEqual({ status: 'failed', error: 'user_not_found' });
    slack.fail('conversations.open', slackFailures.error('user_disabled'));
    expect(await delivery().deliver(dmItem())).toEqual({ status: 'failed', error: 'user_disabled' });
    expect(revoked).toEqual([]);
  });

  it('fails for good, and reports the workspace, when the token was revoked or the bot deactivated', async () => {
    slack.fail('conversations.open', slackFailures.error('token_revoked'));
    expect(await delivery().deliver(dmItem())).toEqual({ status: 'failed', error: 'token_revoked' });
    slack.fail('chat.postMessage', slackFailures.error('account_inactive'));
    expect(await delivery().deliver(dmItem())).toEqual({ status: 'failed', error: 'account_inactive' });
    expect(revoked).toEqual([team.id, team.id]);
  });

  it('fails without calling Slack for an uninstalled workspace, an erased member, a bad payload or another kind', async () => {
    const calls = slack.calls.length;
    expect(await delivery({}).deliver(dmItem())).toMatchObject({ status: 'failed', error: expect.stringContaining('not installed') });
    const erased = await makeMember(database.db, community);
    await database.db.updateTable('members').set({ erased_at: new Date() }).where('id', '=', erased.id).execute();
    expect(await delivery().deliver(dmItem({}, erased))).toMatchObject({ status: 'failed', error: expect.stringContaining('erased') });
    expect(await delivery().deliver(dmItem({ payload: { recipientMemberId: 'x' } }))).toMatchObject({ status: 'failed', error: expect.stringContaining('malformed') });
    expect(await delivery().deliver(dmItem({ kind: 'space.create' }))).toMatchObject({ status: 'failed' });
    expect(slack.calls.length).toBe(calls);
  });
});
