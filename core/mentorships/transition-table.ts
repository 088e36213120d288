import type { MentorshipStatus } from '../store/database.js';

/**
 * The request and relation state machine, as data. Seed 003's table is the
 * core of it (PENDING -> ACCEPTED | REJECTED by the receiver, ACCEPTED ->
 * CANCELLED by either side, ACCEPTED -> COMPLETED by the daily job, and the
 * sender's withdrawal); the rest are this program's extensions: expiry, pause,
 * extension, admin approval and reactivation, and taking a request off the
 * table when one side can no longer take part.
 *
 * `transition()` (transitions.ts) is the only code that changes a status, and
 * it reads this table; the tests generate their cases from it.
 */

/** Everything that can happen to an existing request or relation. Sending creates one and is not listed here. */
export const mentorshipActions = [
  'accept', 'reject', 'withdraw', 'retract', 'cancel', 'complete', 'expire', 'pause', 'resume', 'extend', 'approve', 'decline', 'reactivate',
] as const;
export type MentorshipAction = (typeof mentorshipActions)[number];

/**
 * Who acts, relative to the mentorship: its sender or receiver, either side
 * (PARTY: the mentor or the mentee, whoever sent it), an admin or owner of the
 * community acting as such, or the system (jobs, platform events).
 */
export type ActorRole = 'SENDER' | 'RECEIVER' | 'PARTY' | 'ADMIN' | 'SYSTEM';

export interface TransitionRule {
  readonly from: MentorshipStatus;
  readonly action: MentorshipAction;
  readonly to: MentorshipStatus;
  readonly by: readonly ActorRole[];
  /** Only under this community setting: accepting goes to an admin first when the community asks for approval. */
  readonly when?: 'approval-required' | 'no-approval';
  /** What the action must carry. */
  readonly needs?: 'reason' | 'resume-date' | 'end-date';
}

// The member leaving (erasure), the admin who suspends them, or the system when they leave the server.
const departure: readonly ActorRole[] = ['PARTY', 'ADMIN', 'SYSTEM'];

export const transitionTable: readonly TransitionRule[] = [
  // Seed 003.
  { from: 'PENDING', action: 'accept', to: 'ACCEPTED', by: ['RECEIVER'], when: 'no-approval' },
  { from: 'PENDING', action: 'reject', to: 'REJECTED', by: ['RECEIVER'] },
  // Admins too, acting on a report (core/reports/admin-cancel-mentorship.ts).
  { from: 'ACCEPTED', action: 'cancel', to: 'CANCELLED', by: ['PARTY', 'ADMIN'], needs: 'reason' },
  // The daily job on the end date; an admin earlier, when the pair is done (from the admin site).
  { from: 'ACCEPTED', action: 'complete', to: 'COMPLETED', by: ['SYSTEM', 'ADMIN'] },
  { from: 'PENDING', action: 'withdraw', to: 'WITHDRAWN', by: ['SENDER'] },
  // Admin approval, when the community asks for it.
  { from: 'PENDING', action: 'accept', to: 'AWAITING_APPROVAL', by: ['RECEIVER'], when: 'approval-required' },
  { from: 'AWAITING_APPROVAL', action: 'approve', to: 'ACCEPTED', by: ['ADMIN'] },
  { from: 'AWAITING_APPROVAL', action: 'decline', to: 'REJECTED', by: ['ADMIN'] },
  // No answer in the community's expiry days.
  { from: 'PENDING', action: 'expire', to: 'EXPIRED', by: ['SYSTEM'] },
  // Pause and resume, by hand or on the resume date.
  { from: 'ACCEPTED', action: 'pause', to: 'PAUSED', by: ['PARTY'], needs: 'resume-date' },
  { from: 'PAUSED', action: 'resume', to: 'ACCEPTED', by: ['PARTY', 'SYSTEM'] },
  { from: 'PAUSED', action: 'cancel', to: 'CANCELLED', by: ['PARTY', 'ADMIN'], needs: 'reason' },
  // A paused pair that will not resume: only an admin closes it as done (the job completes running relations only).
  { from: 'PAUSED', action: 'complete', to: 'COMPLETED', by: ['ADMIN'] },
  // A later end date both sides agreed to (the proposal itself changes no status), or an admin set from the admin site.
  { from: 'ACCEPTED', action: 'extend', to: 'ACCEPTED', by: ['PARTY', 'ADMIN'], needs: 'end-date' },
  { from: 'PAUSED', action: 'extend', to: 'PAUSED', by: ['PARTY', 'ADMIN'], needs: 'end-date' },
  // An admin brings an ended relation back; its space reopens.
  { from: 'CANCELLED', action: 'reactivate', to: 'ACCEPTED', by: ['ADMIN'] },
  { from: 'COMPLETED', action: 'reactivate', to: 'ACCEPTED', by: ['ADMIN'] },
  // One side can no longer take part (erased their data, suspended, left): their open requests are withdrawn.
  { from: 'PENDING', action: 'retract', to: 'WITHDRAWN', by: departure, needs: 'reason' },
  { from: 'AWAITING_APPROVAL', action: 'retract', to: 'WITHDRAWN', by: departure, needs: 'reason' },
];

/** The rule for an action from a status under the community's approval setting, if the table has one. */
export function ruleFor(from: MentorshipStatus, action: MentorshipAction, approvalRequired: boolean): TransitionRule | undefined {
  const setting = approvalRequired ? 'approval-required' : 'no-approval';
  return transitionTable.find((rule) => rule.from === from && rule.action === action && (rule.when === undefined || rule.when === setting));
}

export function rulesForAction(action: MentorshipAction): TransitionRule[] {
  return transitionTable.filter((rule) => rule.action === action);
}
