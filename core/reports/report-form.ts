import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { findMember, findMemberByPlatformUser } from '../members/member.repository.js';
import { isParty, otherParty } from '../mentorships/mentorship.js';
import { findMentorship } from '../mentorships/mentorship.repository.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { modal, truncate, type FormValues, type ModalSpec } from '../reply.js';
import { reportCategories, reportCategoryLabels } from './report.js';
import type { ReportValues } from './create-report.js';

/**
 * Who a report form is about: a member by id, a member by their platform user
 * id (a command's user option, or the author of a reported message), or the
 * other side of a mentorship the reporter is in (named, or the one whose pair
 * space the command was used in).
 */
export type ReportFormSubject =
  | { readonly memberId: number }
  | { readonly platformUserId: string }
  | { readonly mentorshipId: number }
  /** The pair space the command was used in: the other side of that mentorship. */
  | { readonly placeId: string | undefined };

export interface ReportFormInput {
  readonly subject: ReportFormSubject;
  /** A link to the message being reported (its text is never stored unless the reporter keeps it in the form). */
  readonly messageLink?: string | undefined;
  /** An excerpt of that message, shown in the form for the reporter to keep or remove. */
  readonly excerpt?: string | undefined;
}

/** The field that carries the reported message's link (and excerpt) in the form. */
const messageField = 'message';
const detailsMinimum = 20;

const notInCommunity = () => fail('not-found', 'That member is not in this community.');

/**
 * The report form, for a member or the other side of one of the reporter's
 * mentorships: what happened (a category) and the details, which only admins
 * read. Opened from a message, it carries the message's link too. Checks, as
 * filing would, that the subject exists and is not the reporter.
 */
export async function openReportForm(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: ReportFormInput): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'report.create');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  let customId: string;
  if ('placeId' in input.subject) {
    const here = input.subject.placeId
      ? await deps.db.selectFrom('mentorships').select('id').where('community_id', '=', communityId).where('space_id', '=', input.subject.placeId)
        .where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)])).executeTakeFirst()
      : undefined;
    if (!here) return fail('invalid-input', 'Who is the report about? Name them in the command\'s member option.', [{ field: 'member', message: 'Name the member the report is about.' }]);
    return openReportForm(deps, actor, { ...input, subject: { mentorshipId: here.id } });
  }
  if ('mentorshipId' in input.subject) {
    const mentorship = Number.isSafeInteger(input.subject.mentorshipId) && input.subject.mentorshipId > 0 ? await findMentorship(deps.db, communityId, input.subject.mentorshipId) : null;
    if (!mentorship || !isParty(mentorship, memberId)) return fail('not-found', 'That mentorship does not exist, or is not yours.');
    if (otherParty(mentorship, memberId) === null) return notInCommunity();
    customId = interactionId('report', 'file-mentorship', mentorship.id);
  } else {
    const reported =
      'memberId' in input.subject
        ? Number.isSafeInteger(input.subject.memberId) && input.subject.memberId > 0 ? await findMember(deps.db, communityId, input.subject.memberId) : null
        : await findMemberByPlatformUser(deps.db, communityId, input.subject.platformUserId);
    if (!reported || reported.erasedAt) return notInCommunity();
    if (reported.id === memberId) return fail('invalid-input', 'You cannot report yourself.', [{ field: 'member', message: 'Choose the member the report is about, not yourself.' }]);
    customId = interactionId('report', 'file-member', reported.id);
  }
  const message = [input.messageLink, input.excerpt ? `“${input.excerpt}”` : undefined].filter(Boolean).join('\n');
  return ok(modal({
    customId,
    title: 'Report a problem to the admins',
    submitLabel: 'Send to the admins',
    inputs: [
      {
        type: 'select', id: 'category', label: 'What happened', required: true, minValues: 1, maxValues: 1,
        options: reportCategories.map((category) => ({ value: category, label: reportCategoryLabels[category] })),
      },
      {
        type: 'text', id: 'details', label: 'Details (only admins read them)', style: 'paragraph', required: true, minLength: detailsMinimum, maxLength: 1750,
        placeholder: 'When and where it happened, what was said or done. The member is not told who reported.',
      },
      ...(message ? [{ type: 'text' as const, id: messageField, label: 'The message (remove what admins need not see)', style: 'paragraph' as const, required: false, maxLength: 190, value: truncate(message, 190) }] : []),
    ],
  }));
}

/**
 * A submitted report form as `createReport` takes it. The message part is
 * added to the details only once the reporter's own words are long enough,
 * so a link never stands in for the description the admins need.
 */
export function reportValuesFromForm(values: FormValues): ReportValues {
  const one = (id: string) => {
    const value = values[id];
    return typeof value === 'string' ? value : value?.[0];
  };
  const details = one('details') ?? '';
  const message = one(messageField)?.trim();
  const withMessage = message && details.trim().length >= detailsMinimum ? `${details.trim()}\n\nAbout this message: ${message}` : details;
  return { category: one('category') as ReportValues['category'], details: withMessage };
}
