import type { Kysely } from 'kysely';
import type { RequestPrefill } from '../matching/accept-suggestion.js';
import { interactionId } from '../interaction-ids.js';
import { addDaysTo, localToday } from '../mentorships/calendar.js';
import { isParty, otherParty } from '../mentorships/mentorship.js';
import { findMentorship } from '../mentorships/mentorship.repository.js';
import { findMember } from '../members/member.repository.js';
import { maxDescriptionLength } from '../mentorships/request-form.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { modal, privateMessage, truncate, type Message, type ModalSpec, type TextSegment } from '../reply.js';
import type { Database, DateOnly } from '../store/database.js';

/**
 * The forms and questions of pausing and ending a mentorship, and the request
 * form filled in from an accepted suggestion. A form's id is also the id of
 * the button that opens it (`mentorship:pause:<id>`): pressed, it opens the
 * form; submitted, the same handler reads the answers. So Discord's "open
 * the form again" after a mistake needs no id of its own.
 */

/** How far ahead the pause form proposes to resume, when the end date allows. */
const suggestedPauseDays = 14;

/** "Resume on" and an optional reason, for `/mentor pause`; the date must fall after today and before the end date. */
export function pauseForm(mentorshipId: number, input: { endDate: DateOnly; today: DateOnly }): ModalSpec {
  const suggested = addDaysTo(input.today, suggestedPauseDays);
  return modal({
    customId: interactionId('mentorship', 'pause', mentorshipId),
    title: 'Pause the mentorship',
    submitLabel: 'Pause',
    inputs: [
      {
        type: 'text', id: 'until', label: 'Resume on (YYYY-MM-DD)', style: 'short', required: true, minLength: 10, maxLength: 10,
        placeholder: `Any day before ${input.endDate}`, ...(suggested < input.endDate ? { value: suggested } : {}),
      },
      { type: 'text', id: 'reason', label: 'Why? (optional, the other side reads it)', style: 'paragraph', required: false, maxLength: 500 },
    ],
  });
}

/**
 * The pause form for one of the member's mentorships. Refused when it is not
 * theirs (or not there), and when it ends today or tomorrow: the resume date
 * must fall between the two, so no answer could be right.
 */
export async function pauseFormFor(
  db: Kysely<Database>,
  input: { community: { id: number; timezone: string }; memberId: number | null; mentorshipId: number; now: Date },
): Promise<Outcome<ModalSpec>> {
  const mentorship = await findMentorship(db, input.community.id, input.mentorshipId);
  if (!mentorship || input.memberId === null || !isParty(mentorship, input.memberId)) return fail('not-found', 'That mentorship does not exist, or is not yours.');
  const today = localToday(input.now, input.community.timezone);
  if (mentorship.endDate <= addDaysTo(today, 1)) {
    const when = mentorship.endDate > today ? 'tomorrow' : 'today';
    return fail('wrong-state', `This mentorship ends ${when}, so there is no day left to resume it on before the end. It completes by itself then.`);
  }
  return ok(pauseForm(mentorship.id, { endDate: mentorship.endDate, today }));
}

/** The reason an early end needs, asked once the person confirmed they want to end it. */
export function endForm(mentorshipId: number): ModalSpec {
  return modal({
    customId: interactionId('mentorship', 'end', mentorshipId),
    title: 'End the mentorship',
    submitLabel: 'End it',
    inputs: [{ type: 'text', id: 'reason', label: 'Why? The other side will read it', style: 'paragraph', required: true, minLength: 3, maxLength: 500 }],
  });
}

/**
 * "Are you sure?" before ending a mentorship early: what ending does, and a
 * button that asks for the reason, or one that keeps it going. Null when the
 * mentorship is not the member's.
 */
export async function endConfirmation(db: Kysely<Database>, communityId: number, memberId: number, mentorshipId: number): Promise<Message | null> {
  const mentorship = await findMentorship(db, communityId, mentorshipId);
  if (!mentorship || !isParty(mentorship, memberId)) return null;
  const otherId = otherParty(mentorship, memberId);
  const other = otherId === null ? null : await findMember(db, communityId, otherId);
  const withWhom: TextSegment = other && !other.erasedAt ? { mention: other.platformUserId } : 'a former member';
  return privateMessage(
    [
      `End your mentorship "${truncate(mentorship.description, 80)}" with `, withWhom,
      ' now, before its end date? They are told, with your reason, and you are both asked for feedback; what you wrote in your private space stays readable. To stop for a while instead, pause it.',
    ],
    {
      title: 'End the mentorship?',
      actions: [
        { type: 'button', customId: interactionId('mentorship', 'end', mentorship.id), label: 'End it…', style: 'danger' },
        { type: 'button', customId: interactionId('mentorship', 'keep', mentorship.id), label: 'Keep it going', style: 'secondary' },
      ],
    },
  );
}

/** The request form with who mentors whom chosen and a first description, from an accepted suggestion. */
export function prefilledRequestForm(form: ModalSpec, prefill: Pick<RequestPrefill, 'actorRole' | 'descriptionSeed'>): ModalSpec {
  const { kind: _kind, ...spec } = form;
  return modal({
    ...spec,
    inputs: form.inputs.map((input) => {
      if (input.id === 'senderRole' && input.type === 'select') return { ...input, initialValues: [prefill.actorRole] };
      if (input.id === 'description' && input.type === 'text') return { ...input, value: truncate(prefill.descriptionSeed, maxDescriptionLength) };
      return input;
    }),
  });
}
