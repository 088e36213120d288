import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../core/ports/delivery.js';
import { privateMessage } from '../../core/reply.js';
import { makeCommunity, makeMember, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { FakeDiscord } from '../../test/fake-discord/fake-discord.js';
import { failures } from '../../test/fake-discord/rest.js';
import { createDiscordDelivery, messageNonce } from './dm-delivery.js';

const database = useTestDatabase();
let discord: FakeDiscord;
let community: BuiltCommunity;
let member: BuiltMember;
let sequence = 0;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  community = await makeCommunity(database.db);
  member = await makeMember(database.db, community, { platformUserId: discord.nextId() });
});
afterAll(async () => {
  await discord?.close();
});

function delivery() {
  return createDiscordDelivery({ db: database.db, token: 'fake-bot-token', apiUrl: discord.apiUrl });
}

function dmItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
  sequence++;
  return {
    id: sequence,
    communityId: community.id,
    platform: 'discord',
    kind: 'dm',
    // As the dispatcher hands it over: read back from JSON, so times are ISO strings.
    payload: JSON.parse(JSON.stringify({
      recipientMemberId: member.id,
      message: privateMessage(['Your session starts ', { time: new Date('2026-03-02T18:00:00Z'), style: 'relative' }, ' with ', { mention: 'mentor-1' }], { title: 'Reminder' }),
    })) as Record<string, unknown>,
    dedupeKey: `reminder:session:${sequence}:member:${member.id}:hour-before`,
    attempts: 0,
    ...overrides,
  };
}

describe('Discord outbox delivery (dm)', () => {
  it('opens the DM channel and sends the rendered message with the dedupe nonce enforced', async () => {
    const item = dmItem();
    expect(await delivery().deliver(item)).toEqual({ status: 'sent' });
    const opened = discord.requestsTo('POST', /^\/users\/@me\/channels$/).at(-1);
    expect(opened?.body).toEqual({ recipient_id: member.platformUserId });
    const sent = discord.requestsTo('POST', /^\/channels\/\d+\/messages$/).at(-1);
    expect(sent?.authorization).toBe('Bot fake-bot-token');
    expect(sent?.body).toMatchObject({ nonce: messageNonce(item.dedupeKey), enforce_nonce: true });
    expect((sent?.body?.nonce as string).length).toBeLessThanOrEqual(25);
    const embed = (sent?.body?.embeds as { title: string; description: string }[])[0];
    expect(embed).toMatchObject({ title: 'Reminder', description: `Your session starts <t:${Date.parse('2026-03-02T18:00:00Z') / 1000}:R> with <@mentor-1>` });
  });

  it('fails for good when the member does not accept DMs (50007)', async () => {
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.dmsClosed());
    const result = await delivery().deliver(dmItem());
    expect(result).toMatchObject({ status: 'failed', error: expect.stringContaining('50007') });
  });

  it('asks to retry after Discord\'s retry-after on a 429, without waiting inside the attempt', async () => {
    discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, failures.rateLimited(2.5));
    const started = Date.now();
    const result = await delivery().deliver(dmItem());
    // discord.js adds its 50 ms safety offset to Discord's retry-after.
    expect(result).toMatchObject({ status: 'retry', retryAfterMs: expect.any(Number) });
    const retryAfterMs = (result as { retryAfterMs: number }).retryAfterMs;
    expect(retryAfterMs).toBeGreaterThanOrEqual(2500);
    expect(retryAfterMs).toBeLessThan(2600);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('asks to retry on a server error or when Discord cannot be reached', async () => {
    discord.fail({ method: 'POST', path: /^\/users\/@me\/channels$/ }, failures.serverError());
    expect(await delivery().deliver(dmItem())).toMatchObject({ status: 'retry' });
    const unreachable = createDiscordDelivery({ db: database.db, token: 'fake-bot-token', apiUrl: 'http://127.0.0.1:9/api', timeoutMs: 2_000 });
    expect(await unreachable.deliver(dmItem())).toMatchObject({ status: 'retry' });
  });

  it('fails for good for an erased or unknown member, a malformed payload, or a kind it does not deliver', async () => {
    const erased = await makeMember(database.db, community);
    await database.db.updateTable('members').set({ erased_at: new Date() }).where('id', '=', erased.id).execute();
    expect(await delivery().deliver(dmItem({ payload: { ...dmItem().payload, recipientMemberId: erased.id } }))).toMatchObject({ status: 'failed' });
    expect(await delivery().deliver(dmItem({ payload: { ...dmItem().payload, recipientMemberId: 987_654 } }))).toMatchObject({ status: 'failed' });
    expect(await delivery().deliver(dmItem({ payload: { recipientMemberId: 'x' } }))).toMatchObject({ status: 'failed', error: expect.stringContaining('malformed') });
    expect(await delivery().deliver(dmItem({ kind: 'thread' }))).toMatchObject({ status: 'failed' });
  });
});
