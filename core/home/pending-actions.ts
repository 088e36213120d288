import type { Kysely } from 'kysely';
import type { MentorshipSummary, OtherMember } from '../mentorships/list-member-mentorships.js';
import type { MentorshipRecord } from '../mentorships/mentorship.js';
import type { Database, DateOnly, SessionKind } from '../store/database.js';

/** A session the other side proposed, waiting for the member to confirm it or propose another time. */
export interface SessionToConfirm {
  readonly sessionId: number;
  readonly mentorshipId: number;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly kind: SessionKind;
  readonly other: OtherMember | null;
}

/** A later end date the other side proposed, waiting for the member to agree. */
export interface ExtensionProposal {
  readonly mentorshipId: number;
  readonly description: string;
  readonly endDate: DateOnly;
  readonly proposedEndDate: DateOnly;
  readonly other: OtherMember | null;
}

/** Sessions the other side proposed in the member's running mentorships, soonest first. */
export async function sessionsToConfirm(db: Kysely<Database>, memberId: number, running: readonly MentorshipSummary[], now: Date): Promise<SessionToConfirm[]> {
  if (running.length === 0) return [];
  const byId = new Map(running.map((summary) => [summary.mentorshipId, summary]));
  const rows = await db
    .selectFrom('mentoring_sessions')
    .select(['id', 'mentorship_id', 'starts_at', 'duration_minutes', 'kind'])
    .where('mentorship_id', 'in', [...byId.keys()])
    .where('status', '=', 'PROPOSED')
    .where('proposed_by', 'is not', null)
    .where('proposed_by', '!=', memberId)
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    sessionId: row.id, mentorshipId: row.mentorship_id, startsAt: row.starts_at, durationMinutes: row.duration_minutes, kind: row.kind,
    other: byId.get(row.mentorship_id)?.other ?? null,
  }));
}

/** End dates the other side proposed for the member's running mentorships. */
export function extensionProposals(memberId: number, running: readonly MentorshipRecord[], summaries: readonly MentorshipSummary[]): ExtensionProposal[] {
  const byId = new Map(summaries.map((summary) => [summary.mentorshipId, summary]));
  return running.flatMap((mentorship) =>
    mentorship.extensionEndDate && mentorship.extensionProposedBy !== null && mentorship.extensionProposedBy !== memberId
      ? [{ mentorshipId: mentorship.id, description: mentorship.description, endDate: mentorship.endDate, proposedEndDate: mentorship.extensionEndDate, other: byId.get(mentorship.id)?.other ?? null }]
      : [],
  );
}
