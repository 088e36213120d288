import { describe, expect, it } from 'vitest';
import { makeCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { OutboxItem } from '../ports/delivery.js';
import { combineDeferrals, communityLeaveDeferral } from './community-leave.js';

describe('the bot leaving a server after an uninstall', () => {
  const database = useTestDatabase();
  const now = new Date('2026-03-04T12:00:00Z');
  let queued = 0;

  async function queue(communityId: number, kind: string, dueAt: Date, status: 'PENDING' | 'SENT' | 'DEAD' = 'PENDING'): Promise<OutboxItem> {
    const row = await database.db
      .insertInto('outbox')
      .values({ community_id: communityId, kind, payload: '{}', dedupe_key: `leave-test:${++queued}`, due_at: dueAt, status, ...(status === 'SENT' ? { sent_at: now } : {}) })
      .returning(['id', 'dedupe_key'])
      .executeTakeFirstOrThrow();
    return { id: row.id, communityId, platform: 'discord', kind, payload: {}, dedupeKey: row.dedupe_key, attempts: 0 };
  }

  it('waits behind the last row the community still has to deliver, whatever its kind', async () => {
    const community = await makeCommunity(database.db);
    const leave = await queue(community.id, 'community.leave', now);
    // A notice waiting for the member's quiet hours, a thread archive backing off after a failure.
    await queue(community.id, 'dm', new Date('2026-03-05T07:00:00Z'));
    await queue(community.id, 'space.archive', new Date('2026-03-04T12:00:40Z'));
    expect(await communityLeaveDeferral(database.db)(leave, now)).toEqual(new Date('2026-03-05T07:00:01Z'));
  });

  it('goes once the community has nothing else pending: sent and dead rows, other communities and other leaves do not hold it', async () => {
    const community = await makeCommunity(database.db);
    const other = await makeCommunity(database.db);
    const leave = await queue(community.id, 'community.leave', now);
    await queue(community.id, 'dm', new Date('2026-03-04T11:00:00Z'), 'SENT');
    await queue(community.id, 'dm', new Date('2026-03-04T11:00:00Z'), 'DEAD');
    await queue(community.id, 'community.leave', new Date('2026-03-06T00:00:00Z'));
    await queue(other.id, 'dm', new Date('2026-03-05T07:00:00Z'));
    expect(await communityLeaveDeferral(database.db)(leave, now)).toBeNull();
  });

  it('checks again a moment later when what it waits for is due already (claimed by another worker)', async () => {
    const community = await makeCommunity(database.db);
    const leave = await queue(community.id, 'community.leave', now);
    await queue(community.id, 'dm', new Date('2026-03-04T11:59:00Z'));
    expect(await communityLeaveDeferral(database.db)(leave, now)).toEqual(new Date('2026-03-04T12:00:01Z'));
  });

  it('leaves every other kind alone', async () => {
    const community = await makeCommunity(database.db);
    const notice = await queue(community.id, 'dm', now);
    await queue(community.id, 'dm', new Date('2026-03-05T07:00:00Z'));
    expect(await communityLeaveDeferral(database.db)(notice, now)).toBeNull();
  });

  it('combines deferral hooks: the latest date any asks for, null when none defers', async () => {
    const item: OutboxItem = { id: 1, communityId: 1, platform: 'discord', kind: 'dm', payload: {}, dedupeKey: 'x', attempts: 0 };
    const at = (iso: string | null) => async () => (iso ? new Date(iso) : null);
    expect(await combineDeferrals(at('2026-03-05T07:00:00Z'), at(null), at('2026-03-06T07:00:00Z'))(item, now)).toEqual(new Date('2026-03-06T07:00:00Z'));
    expect(await combineDeferrals(at(null), at(null))(item, now)).toBeNull();
  });
});
