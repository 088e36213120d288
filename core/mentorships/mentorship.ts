import type { DateOnly, MentorshipStatus } from '../store/database.js';

/** A request or relation as the core reads it: the two share one row, and `status` says which it is. */
export interface MentorshipRecord {
  readonly id: number;
  readonly communityId: number;
  /** Null only once a member was purged; erased members keep their (anonymous) row. */
  readonly mentorId: number | null;
  readonly menteeId: number | null;
  readonly senderId: number | null;
  readonly receiverId: number | null;
  readonly status: MentorshipStatus;
  readonly description: string;
  readonly endDate: DateOnly;
  readonly expiresAt: Date | null;
  readonly pausedUntil: DateOnly | null;
  readonly acceptedAt: Date | null;
  readonly endedAt: Date | null;
  readonly spaceId: string | null;
  readonly messageCount: number;
  readonly lastActivityAt: Date | null;
  readonly extensionEndDate: DateOnly | null;
  readonly extensionProposedBy: number | null;
  readonly createdAt: Date;
}

/** Requests not yet answered, including those waiting for an admin. */
export const openRequestStatuses = ['PENDING', 'AWAITING_APPROVAL'] as const satisfies readonly MentorshipStatus[];
/** Mentorships under way. */
export const runningMentorshipStatuses = ['ACCEPTED', 'PAUSED'] as const satisfies readonly MentorshipStatus[];
/** What the unique index `mentorships_open_pair_idx` calls open: at most one per pair. */
export const openStatuses = [...openRequestStatuses, ...runningMentorshipStatuses] as const;
/** What takes a mentor's seat and counts against a mentee's limit: accepted, even if an admin has not approved yet. */
export const seatTakingStatuses = ['AWAITING_APPROVAL', ...runningMentorshipStatuses] as const satisfies readonly MentorshipStatus[];
export const closedStatuses = ['REJECTED', 'WITHDRAWN', 'EXPIRED', 'CANCELLED', 'COMPLETED'] as const satisfies readonly MentorshipStatus[];

/** The other member of the pair, from one member's side. */
export function otherParty(mentorship: MentorshipRecord, memberId: number): number | null {
  return mentorship.mentorId === memberId ? mentorship.menteeId : mentorship.mentorId;
}

export function isParty(mentorship: MentorshipRecord, memberId: number): boolean {
  return mentorship.mentorId === memberId || mentorship.menteeId === memberId;
}
