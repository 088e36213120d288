import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import { isParty, otherParty } from '../mentorships/mentorship.js';
import { findMentorship } from '../mentorships/mentorship.repository.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import type { Message } from '../reply.js';
import { detailsContext, reportCategories } from './report.js';
import { countReportsSince, listActiveStaff } from './report.repository.js';
import { reportNotices } from './report-messages.js';

/** Reports one member may file per day: enough for a real problem, too few to flood the admins. */
export const reportsPerDay = 3;

const reportInput = z.object({
  category: z.enum(reportCategories, 'Choose what happened: harassment, a no-show, an inappropriate request, or other.'),
  details: z
    .string()
    .trim()
    .min(20, 'Tell the admins what happened, in at least 20 characters: when, where, what was said or done.')
    .max(2000, 'Keep the details under 2,000 characters.'),
});

export type ReportValues = z.input<typeof reportInput>;

/** What a report is about: a member, or a mentorship the reporter is in (then its other member). */
export type ReportSubject = { readonly memberId: number } | { readonly mentorshipId: number };

export interface ReportFiled {
  readonly reportId: number;
  readonly reply: Message;
}

/**
 * Files a report (seed 001 §10, the peers' most requested safety feature).
 * In one transaction: the rate limit (counted in the database, with the
 * reporter's row locked so two at once cannot both pass), the report with its
 * details sealed, and a DM to every active admin and owner naming the
 * category and the reported member, never the reporter. The reported member,
 * should they be an admin, is not told. The reporter is thanked.
 */
export async function createReport(
  deps: CoreDeps & { readonly cipher: FieldCipher },
  actor: Actor,
  input: { subject: ReportSubject; values: ReportValues },
): Promise<Outcome<ReportFiled>> {
  const auth = authorizeMember(actor, 'report.create');
  if (!auth.ok) return auth;
  const parsed = reportInput.safeParse(input.values);
  if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (trx) => {
    const reporter = await findMember(trx, communityId, memberId, { lock: true });
    if (!reporter) return fail('not-found', 'Join the mentorship program first.');
    let reportedId: number | null;
    let mentorshipId: number | null = null;
    if ('memberId' in input.subject) {
      reportedId = input.subject.memberId;
      if (reportedId === memberId) return fail('invalid-input', 'You cannot report yourself.', [{ field: 'member', message: 'Choose the member the report is about, not yourself.' }]);
      const reported = Number.isSafeInteger(reportedId) && reportedId > 0 ? await findMember(trx, communityId, reportedId) : null;
      if (!reported || reported.erasedAt) return fail('not-found', 'That member is not in this community.');
    } else {
      const mentorship = Number.isSafeInteger(input.subject.mentorshipId) && input.subject.mentorshipId > 0 ? await findMentorship(trx, communityId, input.subject.mentorshipId) : null;
      if (!mentorship || !isParty(mentorship, memberId)) return fail('not-found', 'That mentorship does not exist, or is not yours.');
      mentorshipId = mentorship.id;
      reportedId = otherParty(mentorship, memberId);
    }
    const recent = await countReportsSince(trx, communityId, memberId, new Date(now.getTime() - 86_400_000));
    if (recent >= reportsPerDay) {
      return fail('limit-reached', `You have sent ${reportsPerDay} reports in the last 24 hours, which is the most the bot takes in a day. If someone is in danger, contact an admin directly.`);
    }

    const row = await trx
      .insertInto('reports')
      .values({ community_id: communityId, reporter_id: memberId, reported_member_id: reportedId, mentorship_id: mentorshipId, category: parsed.data.category, details_encrypted: '', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('reports').set({ details_encrypted: deps.cipher.seal(parsed.data.details, detailsContext(row.id)) }).where('id', '=', row.id).execute();

    const reported = reportedId === null ? null : await findMember(trx, communityId, reportedId);
    for (const adminId of await listActiveStaff(trx, communityId)) {
      if (adminId === memberId || adminId === reportedId) continue;
      await enqueue(trx, {
        communityId,
        kind: 'dm',
        payload: { recipientMemberId: adminId, message: reportNotices.toAdmins(row.id, parsed.data.category, reported, mentorshipId) },
        dedupeKey: `report:${row.id}:admin:${adminId}`,
      });
    }
    return ok({ reportId: row.id, reply: reportNotices.thanks() });
  });
}

/** Reports a member (from their profile, or the report command with a member). */
export function reportMember(deps: CoreDeps & { readonly cipher: FieldCipher }, actor: Actor, input: { memberId: number; values: ReportValues }): Promise<Outcome<ReportFiled>> {
  return createReport(deps, actor, { subject: { memberId: input.memberId }, values: input.values });
}

/** Reports the other side of a mentorship the reporter is in (a no-show, ghosting). */
export function reportMentorship(deps: CoreDeps & { readonly cipher: FieldCipher }, actor: Actor, input: { mentorshipId: number; values: ReportValues }): Promise<Outcome<ReportFiled>> {
  return createReport(deps, actor, { subject: { mentorshipId: input.mentorshipId }, values: input.values });
}

