import { describe, expect, it } from 'vitest';
import { makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { OutboxItem } from '../ports/delivery.js';
import { quietHoursDeferral } from './quiet-hours.js';

describe('quiet hours in the dispatcher', () => {
  const database = useTestDatabase();

  async function berliner(quietHours?: { start: string; end: string } | null, digest?: 'daily' | 'weekly') {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const member = await makeMember(database.db, community);
    const preferences = { ...(quietHours !== undefined ? { quietHours } : {}), ...(digest ? { digest } : {}) };
    if (Object.keys(preferences).length > 0) await database.db.updateTable('members').set({ notification_preferences: JSON.stringify(preferences) }).where('id', '=', member.id).execute();
    const item = (payload: Record<string, unknown> = {}, kind = 'dm'): OutboxItem => ({
      id: 1, communityId: community.id, platform: 'discord', kind, dedupeKey: 'test', attempts: 0,
      payload: { recipientMemberId: member.id, message: { kind: 'message', visibility: 'private', body: ['Hello'] }, ...payload },
    });
    return { item, deferUntil: quietHoursDeferral(database.db) };
  }

  it('holds a direct message sent inside the community’s default quiet hours until they end on the member’s clock', async () => {
    const { item, deferUntil } = await berliner();
    // 23:30 CET → 08:00 CET the next morning.
    expect(await deferUntil(item(), new Date('2026-03-10T22:30:00Z'))).toEqual(new Date('2026-03-11T07:00:00Z'));
    // 06:00 CET, past midnight's side → 08:00 the same morning.
    expect(await deferUntil(item(), new Date('2026-03-11T05:00:00Z'))).toEqual(new Date('2026-03-11T07:00:00Z'));
  });

  it('ends them at 08:00 local across the spring-forward night of 2026-03-29', async () => {
    const { item, deferUntil } = await berliner();
    // 22:30 CET on the 28th and 01:30 CET on the 29th both wait for 08:00 CEST, which is 06:00 UTC.
    expect(await deferUntil(item(), new Date('2026-03-28T21:30:00Z'))).toEqual(new Date('2026-03-29T06:00:00Z'));
    expect(await deferUntil(item(), new Date('2026-03-29T00:30:00Z'))).toEqual(new Date('2026-03-29T06:00:00Z'));
    expect(await deferUntil(item(), new Date('2026-03-29T05:59:00Z'))).toEqual(new Date('2026-03-29T06:00:00Z'));
    expect(await deferUntil(item(), new Date('2026-03-29T06:00:00Z'))).toBeNull();
  });

  it('delivers outside quiet hours, urgent messages, other kinds, and members who chose none', async () => {
    const { item, deferUntil } = await berliner();
    expect(await deferUntil(item(), new Date('2026-03-10T12:00:00Z'))).toBeNull();
    expect(await deferUntil(item({ urgent: true }), new Date('2026-03-10T22:30:00Z'))).toBeNull();
    expect(await deferUntil(item({}, 'space.post'), new Date('2026-03-10T22:30:00Z'))).toBeNull();
    const none = await berliner(null);
    expect(await none.deferUntil(none.item(), new Date('2026-03-10T22:30:00Z'))).toBeNull();
  });

  it('follows the member’s own quiet hours over the community’s', async () => {
    const { item, deferUntil } = await berliner({ start: '13:00', end: '14:30' });
    expect(await deferUntil(item(), new Date('2026-03-10T22:30:00Z'))).toBeNull();
    expect(await deferUntil(item(), new Date('2026-03-10T12:15:00Z'))).toEqual(new Date('2026-03-10T13:30:00Z'));
  });

  it('holds messages for a daily digest until 18:00 on the member’s clock, and sends reminders anyway', async () => {
    const { item, deferUntil } = await berliner(undefined, 'daily');
    // 10:00 CET on a Tuesday → 18:00 CET the same day.
    expect(await deferUntil(item(), new Date('2026-03-10T09:00:00Z'))).toEqual(new Date('2026-03-10T17:00:00Z'));
    // Inside the digest window (18:30 CET): now.
    expect(await deferUntil(item(), new Date('2026-03-10T17:30:00Z'))).toBeNull();
    // Past the window and inside quiet hours (22:30 CET): tomorrow's digest.
    expect(await deferUntil(item(), new Date('2026-03-10T21:30:00Z'))).toEqual(new Date('2026-03-11T17:00:00Z'));
    // A reminder is bound to its moment: no digest wait.
    expect(await deferUntil(item({ timely: true }), new Date('2026-03-10T09:00:00Z'))).toBeNull();
  });

  it('holds messages for a weekly digest until Monday 18:00 local, across the DST change', async () => {
    const { item, deferUntil } = await berliner(undefined, 'weekly');
    // Tuesday 10 March → Monday 16 March, 18:00 CET.
    expect(await deferUntil(item(), new Date('2026-03-10T09:00:00Z'))).toEqual(new Date('2026-03-16T17:00:00Z'));
    // Monday morning → that evening.
    expect(await deferUntil(item(), new Date('2026-03-16T09:00:00Z'))).toEqual(new Date('2026-03-16T17:00:00Z'));
    // Tuesday 24 March (CET) → Monday 30 March, 18:00 CEST = 16:00 UTC.
    expect(await deferUntil(item(), new Date('2026-03-24T09:00:00Z'))).toEqual(new Date('2026-03-30T16:00:00Z'));
  });
});
