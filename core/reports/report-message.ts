import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { who } from '../mentorships/mentorship-messages.js';
import { ok, type Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import { privateMessage, truncate, type Message, type MessageField } from '../reply.js';
import { reportCategoryLabels } from './report.js';
import { viewReport } from './view-report.js';

const statusLabels = { OPEN: 'Open', IN_REVIEW: 'In review', RESOLVED: 'Resolved' } as const;

/**
 * "Open the report" from an admin's notice: the report privately in chat,
 * through `viewReport` (staff only, never a report about the admin, and the
 * opening is audited), with a link to its page on the admin site where it is
 * handled. The reporter is not named in chat; the admin site shows them.
 */
export async function viewReportMessage(
  deps: CoreDeps & { readonly cipher: FieldCipher },
  actor: Actor,
  input: { reportId: number; publicUrl?: string | undefined },
): Promise<Outcome<Message>> {
  const viewed = await viewReport(deps, actor, { reportId: input.reportId });
  if (!viewed.ok) return viewed;
  const { report, details, adminNotes } = viewed.value;
  const reported = report.reportedMemberId === null ? null : await findMember(deps.db, report.communityId, report.reportedMemberId);
  const fields: MessageField[] = [
    { name: 'About', value: [who(reported), ...(report.mentorshipId ? [` (mentorship #${report.mentorshipId})`] : [])], inline: true },
    { name: 'What happened', value: [reportCategoryLabels[report.category]], inline: true },
    { name: 'Status', value: [statusLabels[report.status]], inline: true },
    { name: 'Sent', value: [{ time: report.createdAt, style: 'full' }] },
    { name: 'Details', value: [truncate(details, 1000)] },
    ...(adminNotes.length > 0 ? [{ name: 'Admin notes', value: [`${adminNotes.length} so far, on the admin site.`] }] : []),
  ];
  const link = input.publicUrl ? [` Handle it on the admin site: ${input.publicUrl.replace(/\/$/, '')}/c/${report.communityId}/reports/${report.id}`] : [' Handle it on the admin site.'];
  return ok(privateMessage([`Report #${report.id}, shown only to you.`, ...link], { title: 'Report', fields }));
}
