import type { SessionKind, SessionStatus } from '../store/database.js';

/** A mentoring session as the core reads it (notes stay sealed until a pair member opens them). */
export interface SessionRecord {
  readonly id: number;
  readonly mentorshipId: number;
  readonly proposedBy: number | null;
  readonly status: SessionStatus;
  readonly kind: SessionKind;
  /** UTC; shown with the platforms' localized timestamps. */
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly agenda: string | null;
  readonly location: string | null;
  readonly notesSealed: string | null;
  /** The iCalendar SEQUENCE: raised on every change of a session members may have in their calendars. */
  readonly calendarSequence: number;
  readonly changeReason: string | null;
  /**
   * The reminder job's watermark for the reminders more than an hour ahead
   * (column `reminded_day_before_at`, named when the only one was 24 h): each
   * of them due at or before this instant was queued, or skipped as too late.
   */
  readonly advanceRemindersHandledAt: Date | null;
  /** When the 1-hour reminder was queued (column `reminded_hour_before_at`); null until then. */
  readonly hourReminderHandledAt: Date | null;
}

export const sessionKinds = ['VIDEO_CALL', 'CODE_REVIEW', 'Q_AND_A', 'PROJECT_REVIEW', 'CAREER_GUIDANCE', 'PAIR_PROGRAMMING'] as const satisfies readonly SessionKind[];

export const sessionKindLabels: Record<SessionKind, string> = {
  VIDEO_CALL: 'Video call',
  CODE_REVIEW: 'Code review',
  Q_AND_A: 'Q&A',
  PROJECT_REVIEW: 'Project review',
  CAREER_GUIDANCE: 'Career guidance',
  PAIR_PROGRAMMING: 'Pair programming',
};

/** Sessions that hold a slot in both members' time: a new one may not overlap them. */
export const slotHoldingStatuses = ['PROPOSED', 'CONFIRMED'] as const satisfies readonly SessionStatus[];

export function sessionEnd(session: Pick<SessionRecord, 'startsAt' | 'durationMinutes'>): Date {
  return new Date(session.startsAt.getTime() + session.durationMinutes * 60_000);
}

/** The context a session's notes are sealed with: a sealed value copied to another session no longer opens. */
export function notesContext(sessionId: number): string {
  return `mentoring_sessions.notes:${sessionId}`;
}
