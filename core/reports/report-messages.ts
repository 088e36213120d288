import { interactionId } from '../interaction-ids.js';
import type { MemberRecord } from '../members/member.js';
import { who } from '../mentorships/mentorship-messages.js';
import { privateMessage, type Message } from '../reply.js';
import type { ReportCategory } from '../store/database.js';
import { reportCategoryLabels } from './report.js';

/**
 * What reports say. The rule for every message here: nothing sent to the
 * reported member, or to anyone but admins, names or hints at the reporter.
 */
export const reportNotices = {
  thanks: (): Message =>
    privateMessage(['Thank you for telling us. Your report went to the admins only; the member you reported is not told who reported them. An admin will follow up with you.'], { title: 'Report sent' }),
  toAdmins: (reportId: number, category: ReportCategory, reported: MemberRecord | null, mentorshipId: number | null): Message => ({
    kind: 'message',
    visibility: 'private',
    title: 'New report',
    body: [`A member reported ${reportCategoryLabels[category].toLowerCase()} about `, who(reported), mentorshipId ? ` (mentorship #${mentorshipId}).` : '.', ' Open it in the admin site to read the details.'],
    actions: [{ type: 'button', customId: interactionId('report', 'view', reportId), label: 'Open the report', style: 'primary' }],
  }),
  /** To the reported member: the admins' words, with no report, category or reporter named. */
  warning: (programName: string, text: string): Message =>
    privateMessage([`A message from the admins of ${programName} about your conduct in the program: `, text, ' Please keep to the code of conduct. You can reply to an admin if you want to discuss it.'], { title: 'A message from the admins' }),
  resolved: (text: string): Message => privateMessage(['An admin has closed the report you sent. ', text, ' Thank you again for speaking up.'], { title: 'Your report' }),
};
