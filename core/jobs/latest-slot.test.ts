import { describe, expect, it } from 'vitest';
import { latestSlot } from './latest-slot.js';
import { assertSchedule, type Schedule } from './schedule.js';
import { instantAt, wallTimeAt } from './zoned-time.js';

function slot(schedule: Schedule, now: string, zone = 'UTC') {
  const { at, label } = latestSlot(schedule, new Date(now), zone);
  return { at: at.toISOString(), label };
}

describe('zoned time', () => {
  it('reads and builds wall times in zones with odd offsets', () => {
    expect(wallTimeAt(new Date('2026-01-15T00:00:00Z'), 'Asia/Kolkata')).toEqual({ year: 2026, month: 1, day: 15, hour: 5, minute: 30 });
    expect(instantAt({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, 'Asia/Kathmandu').toISOString()).toBe('2025-12-31T18:15:00.000Z');
    expect(instantAt({ year: 2026, month: 7, day: 1, hour: 12, minute: 0 }, 'America/New_York').toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('moves a time in the spring-forward gap past the gap, and takes the first of a repeated time', () => {
    // Berlin: 02:00 CET becomes 03:00 CEST on 2026-03-29; 03:00 CEST becomes 02:00 CET on 2026-10-25.
    expect(instantAt({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAt({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // New York: 02:00 EST becomes 03:00 EDT on 2026-03-08; 02:00 EDT becomes 01:00 EST on 2026-11-01.
    expect(instantAt({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(instantAt({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('latestSlot', () => {
  it('finds the latest daily slot across a day boundary', () => {
    const daily = { daily: '23:59' };
    expect(slot(daily, '2026-03-02T23:58:59Z')).toEqual({ at: '2026-03-01T23:59:00.000Z', label: '2026-03-01T23:59' });
    expect(slot(daily, '2026-03-02T23:59:00Z')).toEqual({ at: '2026-03-02T23:59:00.000Z', label: '2026-03-02T23:59' });
    expect(slot(daily, '2026-03-03T00:00:00Z')).toEqual({ at: '2026-03-02T23:59:00.000Z', label: '2026-03-02T23:59' });
    // In Berlin (UTC+1 in winter) the community's 23:59 is 22:59 UTC.
    expect(slot(daily, '2026-03-02T22:59:00Z', 'Europe/Berlin')).toEqual({ at: '2026-03-02T22:59:00.000Z', label: '2026-03-02T23:59' });
    // Past local midnight, though still 2 March in UTC.
    expect(slot(daily, '2026-03-02T23:30:00Z', 'Europe/Berlin').label).toBe('2026-03-02T23:59');
    // Auckland is a day ahead: its 2 March 23:59 is 2 March 10:59 UTC.
    expect(slot(daily, '2026-03-02T11:00:00Z', 'Pacific/Auckland')).toEqual({ at: '2026-03-02T10:59:00.000Z', label: '2026-03-02T23:59' });
  });

  it("runs a slot in Berlin's spring-forward gap once, when the clocks have jumped past it", () => {
    const daily = { daily: '02:30' };
    // 03:29 CEST: the day's 02:30 never happened and 03:30 has not come yet.
    expect(slot(daily, '2026-03-29T01:29:00Z', 'Europe/Berlin').label).toBe('2026-03-28T02:30');
    expect(slot(daily, '2026-03-29T01:30:00Z', 'Europe/Berlin')).toEqual({ at: '2026-03-29T01:30:00.000Z', label: '2026-03-29T02:30' });
    expect(slot(daily, '2026-03-30T00:29:00Z', 'Europe/Berlin').label).toBe('2026-03-29T02:30');
    expect(slot(daily, '2026-03-30T00:30:00Z', 'Europe/Berlin')).toEqual({ at: '2026-03-30T00:30:00.000Z', label: '2026-03-30T02:30' });
  });

  it("names a slot in Berlin's repeated hour the same both times, so it runs once", () => {
    const daily = { daily: '02:30' };
    const first = slot(daily, '2026-10-25T00:30:00Z', 'Europe/Berlin');
    const second = slot(daily, '2026-10-25T01:45:00Z', 'Europe/Berlin');
    expect(first).toEqual({ at: '2026-10-25T00:30:00.000Z', label: '2026-10-25T02:30' });
    expect(second).toEqual(first);
    expect(slot(daily, '2026-10-25T00:29:00Z', 'Europe/Berlin').label).toBe('2026-10-24T02:30');
  });

  it('handles New York’s changes the same way', () => {
    const spring = { daily: '02:30' };
    expect(slot(spring, '2026-03-08T07:29:00Z', 'America/New_York').label).toBe('2026-03-07T02:30');
    expect(slot(spring, '2026-03-08T07:30:00Z', 'America/New_York')).toEqual({ at: '2026-03-08T07:30:00.000Z', label: '2026-03-08T02:30' });
    const fall = { daily: '01:30' };
    expect(slot(fall, '2026-11-01T05:30:00Z', 'America/New_York')).toEqual({ at: '2026-11-01T05:30:00.000Z', label: '2026-11-01T01:30' });
    expect(slot(fall, '2026-11-01T06:45:00Z', 'America/New_York')).toEqual({ at: '2026-11-01T05:30:00.000Z', label: '2026-11-01T01:30' });
  });

  it('finds weekly and monthly slots, across a week, a month and a year', () => {
    const weekly: Schedule = { weekly: { day: 'mon', time: '09:00' } };
    // 2026-03-30 is a Monday.
    expect(slot(weekly, '2026-03-30T08:59:00Z').label).toBe('2026-03-23T09:00');
    expect(slot(weekly, '2026-03-30T09:00:00Z').label).toBe('2026-03-30T09:00');
    expect(slot(weekly, '2026-04-05T23:00:00Z').label).toBe('2026-03-30T09:00');
    // 09:00 in New York is 13:00 UTC in summer.
    expect(slot(weekly, '2026-03-30T12:59:00Z', 'America/New_York').label).toBe('2026-03-23T09:00');
    const monthly: Schedule = { monthly: { day: 1, time: '03:00' } };
    expect(slot(monthly, '2026-01-01T02:59:00Z')).toEqual({ at: '2025-12-01T03:00:00.000Z', label: '2025-12-01T03:00' });
    expect(slot(monthly, '2026-01-01T03:00:00Z').label).toBe('2026-01-01T03:00');
    expect(slot(monthly, '2026-03-31T23:59:00Z').label).toBe('2026-03-01T03:00');
  });

  it('aligns interval slots to UTC, whatever the zone', () => {
    const quarter: Schedule = { every: 'minutes', interval: 15 };
    expect(slot(quarter, '2026-03-29T00:14:59Z', 'Asia/Kathmandu')).toEqual({ at: '2026-03-29T00:00:00.000Z', label: '2026-03-29T00:00Z' });
    expect(slot(quarter, '2026-03-29T00:15:00Z').label).toBe('2026-03-29T00:15Z');
  });

  it('rejects schedules it cannot keep', () => {
    expect(() => assertSchedule({ every: 'minutes', interval: 7 })).toThrow(RangeError);
    expect(() => assertSchedule({ daily: '24:00' })).toThrow(RangeError);
    expect(() => assertSchedule({ monthly: { day: 31, time: '03:00' } })).toThrow(RangeError);
    expect(() => assertSchedule({ weekly: { day: 'someday' as 'mon', time: '09:00' } })).toThrow(RangeError);
    expect(() => assertSchedule({ every: 'minutes', interval: 5 })).not.toThrow();
  });
});
