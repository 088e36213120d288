import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFile, fold } from './calendar-file.js';

const event = {
  uid: 'session-42@discord-123.mentorship-bot',
  sequence: 3,
  method: 'REQUEST' as const,
  status: 'CONFIRMED' as const,
  start: new Date('2026-03-29T08:00:00Z'),
  end: new Date('2026-03-29T09:30:00Z'),
  stamp: new Date('2026-03-01T12:00:00Z'),
  summary: 'Mentoring session: Code review (Grace, Ada; friends)',
  description: 'Agenda:\n1. Schemas; indexes, constraints\n2. A path C:\\data\\dump.sql\nÜbung macht den Meister — ünïcödé ✓ '.repeat(3),
  location: 'https://meet.example.org/abc?x=1,2;3',
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, parsed: new ICAL.Event(vevent) };
}

describe('session calendar files (RFC 5545)', () => {
  it('is read back by a standard parser with the same times, UID, sequence and text', () => {
    const text = calendarFile(event);
    const { calendar, vevent, parsed } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.sequence).toBe(3);
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-03-29T09:30:00.000Z');
    expect(parsed.startDate.zone?.tzid).toBe('UTC');
    // Escaping round-trips: commas, semicolons, backslashes and newlines come back as written.
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.description).toBe(event.description);
    expect(parsed.location).toBe(event.location);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('ends every line in CRLF and folds at 75 octets without splitting a character', () => {
    const text = calendarFile(event);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const long = `DESCRIPTION:${'é✓'.repeat(60)}`;
    const folded = fold(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('cancels with METHOD:CANCEL, the same UID and a higher sequence', () => {
    const { calendar, vevent, parsed } = parse(calendarFile({ ...event, method: 'CANCEL', status: 'CANCELLED', sequence: 4 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.sequence).toBe(4);
  });
});
