import { z } from 'zod';
import type { CommunitySettings } from '../communities/settings.js';
import { choiceValues, textValue } from '../forms/form-values.js';
import { interactionId } from '../interaction-ids.js';
import { modal, type FormValues, type ModalSpec } from '../reply.js';
import type { DateOnly } from '../store/database.js';
import { addDaysTo } from './calendar.js';

/**
 * The request as a contract (seed 003): who mentors whom, what for, and until
 * when. The description is required and substantial, because mentors asked
 * for requests that say what the person wants to work on.
 */

export const minDescriptionLength = 20;
export const maxDescriptionLength = 2000;

/** The earliest and latest end dates the community allows for a relation starting today. */
export function allowedEndDates(today: DateOnly, settings: CommunitySettings): { earliest: DateOnly; latest: DateOnly; suggested: DateOnly } {
  const { minWeeks, maxWeeks, defaultWeeks } = settings.mentorshipLength;
  return { earliest: addDaysTo(today, minWeeks * 7), latest: addDaysTo(today, maxWeeks * 7), suggested: addDaysTo(today, defaultWeeks * 7) };
}

export function requestSchema(today: DateOnly, settings: CommunitySettings) {
  const { earliest, latest } = allowedEndDates(today, settings);
  const { minWeeks, maxWeeks } = settings.mentorshipLength;
  return z.object({
    senderRole: z.enum(['MENTEE', 'MENTOR'], 'Say whether you want to be mentored or to mentor.'),
    description: z
      .string()
      .trim()
      .min(minDescriptionLength, `Say what you want to work on, in at least ${minDescriptionLength} characters: it helps the other side decide.`)
      .max(maxDescriptionLength, `Keep the description under ${maxDescriptionLength} characters.`),
    endDate: z
      .iso.date('Give the date as YYYY-MM-DD, e.g. 2026-09-01.')
      .refine((date) => date >= earliest && date <= latest, `Pick an end date between ${earliest} and ${latest} (${minWeeks} to ${maxWeeks} weeks from today).`),
  });
}

/** Reads the submitted form into what the schema checks. */
export function requestValues(values: FormValues): Record<string, unknown> {
  return { senderRole: choiceValues(values, 'senderRole')[0], description: textValue(values, 'description'), endDate: textValue(values, 'endDate').trim() };
}

export function requestForm(receiverMemberId: number, receiverName: string, suggestedEndDate: DateOnly): ModalSpec {
  return modal({
    customId: interactionId('request', 'send', receiverMemberId),
    title: `Request to ${receiverName}`.slice(0, 45),
    submitLabel: 'Send request',
    inputs: [
      {
        type: 'select', id: 'senderRole', label: 'Who mentors whom?', required: true, minValues: 1, maxValues: 1,
        options: [{ value: 'MENTEE', label: 'They mentor me' }, { value: 'MENTOR', label: 'I mentor them' }], initialValues: ['MENTEE'],
      },
      {
        type: 'text', id: 'description', label: 'What do you want to work on?', style: 'paragraph', required: true,
        minLength: minDescriptionLength, maxLength: maxDescriptionLength, placeholder: 'e.g. Prepare for backend interviews: system design and SQL',
      },
      { type: 'text', id: 'endDate', label: 'Until (YYYY-MM-DD)', style: 'short', required: true, minLength: 10, maxLength: 10, value: suggestedEndDate },
    ],
  });
}
