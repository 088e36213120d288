import { interactionId } from '../interaction-ids.js';
import type { MemberRecord } from '../members/member.js';
import { who } from '../mentorships/mentorship-messages.js';
import type { Message, MessageField, RichText } from '../reply.js';

/** What a member has waiting for them, for the weekly digest. */
export interface PendingActions {
  readonly requests: number;
  readonly sessionsToConfirm: number;
  readonly overdueTasks: number;
}

/** The program's last seven days, for the weekly admin summary. */
export interface ProgramWeek {
  readonly newMembers: number;
  readonly requestsSent: number;
  readonly requestsAccepted: number;
  readonly mentorshipsStarted: number;
  readonly mentorshipsCompleted: number;
  readonly sessionsCompleted: number;
  readonly silentPairs: number;
  readonly openReports: number;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function field(name: string, value: number): MessageField {
  return { name, value: [String(value)], inline: true };
}

export const engagementNotices = {
  /** To each side of a quiet pair: a friendly check-in, with the way to the next session one click away. */
  checkIn: (mentorshipId: number, other: MemberRecord | null, days: number): Message => ({
    kind: 'message',
    visibility: 'private',
    title: 'How is your mentorship going?',
    body: [
      'It has been quiet between you and ', who(other), ` for ${plural(days, 'day', 'days')}. `,
      'Busy weeks happen; a short session is often enough to pick up the thread again.',
    ],
    actions: [{ type: 'button', customId: interactionId('session', 'schedule', mentorshipId), label: 'Schedule a session', style: 'primary' }],
  }),

  /** To each admin and owner: a pair stayed quiet after their check-in. */
  silentPair: (mentor: MemberRecord | null, mentee: MemberRecord | null, days: number): Message => ({
    kind: 'message',
    visibility: 'private',
    title: 'A mentorship has gone quiet',
    body: [
      who(mentor), ' (mentor) and ', who(mentee), ` (mentee) have been quiet for ${plural(days, 'day', 'days')}, `,
      'and a check-in did not change that. A word from you may help, or the relation may need to end.',
    ],
  }),

  digest: (pending: PendingActions): Message => {
    const lines: RichText = [
      pending.requests > 0 ? `• ${plural(pending.requests, 'mentorship request waits', 'mentorship requests wait')} for your answer.\n` : '',
      pending.sessionsToConfirm > 0 ? `• ${plural(pending.sessionsToConfirm, 'proposed session waits', 'proposed sessions wait')} for your confirmation.\n` : '',
      pending.overdueTasks > 0 ? `• ${plural(pending.overdueTasks, 'task of yours is', 'tasks of yours are')} overdue.\n` : '',
    ].filter((line) => line !== '');
    return { kind: 'message', visibility: 'private', title: 'Waiting for you this week', body: [...lines, 'Use /mentor to pick them up.'] };
  },

  adminSummary: (programName: string, week: ProgramWeek): Message => ({
    kind: 'message',
    visibility: 'private',
    title: `${programName}: the last 7 days`,
    body: ['How the program went this past week.'],
    fields: [
      field('New members', week.newMembers),
      field('Requests sent', week.requestsSent),
      field('Requests accepted', week.requestsAccepted),
      field('Mentorships started', week.mentorshipsStarted),
      field('Mentorships completed', week.mentorshipsCompleted),
      field('Sessions completed', week.sessionsCompleted),
      field('Silent pairs', week.silentPairs),
      field('Open reports', week.openReports),
    ],
  }),
};
