/**
 * iCalendar files (RFC 5545) for sessions, written by hand: one VEVENT in a
 * VCALENDAR, which every calendar app imports. What the RFC asks and this
 * file does:
 *
 * - lines end in CRLF and are folded at 75 octets (not characters: a
 *   multi-byte character is never split), continuation lines starting with a space;
 * - TEXT values escape backslash, semicolon, comma and newlines (§3.3.11);
 * - times are UTC (`20260329T080000Z`), so no VTIMEZONE is needed and the
 *   reader's calendar shows them in its own zone;
 * - the UID is stable per session and SEQUENCE rises with every change, so an
 *   updated or cancelled file replaces the event already imported.
 *
 * No ORGANIZER or ATTENDEE: those need an address (mailto:), and the program
 * holds no e-mail addresses. The pair's names go in the description instead.
 */

export interface CalendarEvent {
  readonly uid: string;
  readonly sequence: number;
  /** REQUEST for a session to add or update; CANCEL to remove it. */
  readonly method: 'REQUEST' | 'CANCEL';
  readonly status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  readonly start: Date;
  readonly end: Date;
  /** When the file was written. */
  readonly stamp: Date;
  readonly summary: string;
  readonly description?: string | null;
  readonly location?: string | null;
}

const productId = '-//Mentorship Bot//Sessions//EN';

/** The .ics text of one event. */
export function calendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DTEND:${utcStamp(event.end)}`,
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash first, so the others' backslashes are not doubled. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** `YYYYMMDDTHHMMSSZ`. */
export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const maxOctets = 75;

/**
 * Folds a content line into lines of at most 75 octets (§3.1): the first
 * carries 75, each continuation a space and 74. Splits only between
 * characters, so UTF-8 sequences stay whole.
 */
export function fold(line: string): string {
  if (utf8Length(line) <= maxOctets) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = maxOctets;
  for (const character of line) {
    const size = utf8Length(character);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = maxOctets - 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utf8Length(text: string): number {
  let octets = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return octets;
}
