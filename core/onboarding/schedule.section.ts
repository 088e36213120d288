import { z } from 'zod';
import { textValue } from '../forms/form-values.js';
import { availability, formatAvailability, parseAvailabilityText } from '../members/availability.js';
import { updateMember } from '../members/member.repository.js';
import { timezone } from '../members/timezones.js';
import { fail, invalidInput, ok } from '../outcome.js';
import { modal, type ModalInput } from '../reply.js';
import type { ProfileSection, SectionContext } from './section.js';

const availabilityPlaceholder = 'mon 18:00-20:00\nsat 10:00-12:00';

function takesMentees(context: SectionContext): boolean {
  return context.member.mentorshipRole === 'MENTOR' || context.member.mentorshipRole === 'BOTH';
}

function scheduleSchema(context: SectionContext) {
  const maxMentees = context.settings.openRelations.perMentor;
  return z.object({
    timezone,
    availability,
    menteeCapacity: takesMentees(context)
      ? z
          .string()
          .trim()
          .regex(/^\d{1,2}$/, `Give how many mentees you take at once as a whole number from 0 to ${maxMentees}.`)
          .transform(Number)
          .pipe(z.int().max(maxMentees, `This community allows at most ${maxMentees} mentees per mentor at once.`))
      : z.undefined(),
  });
}

/**
 * When: IANA timezone, weekly availability windows in that timezone, and for
 * mentors how many mentees they take at once (capped by the community).
 */
export const scheduleSection: ProfileSection = {
  name: 'SCHEDULE',
  title: 'When you are available',
  form(context, customId) {
    const { member } = context;
    const inputs: ModalInput[] = [
      { type: 'text', id: 'timezone', label: 'Your timezone', style: 'short', required: true, maxLength: 60, value: member.timezone ?? '', placeholder: 'e.g. Europe/Berlin, America/New_York' },
      {
        type: 'text', id: 'availability', label: 'When you are free each week', style: 'paragraph', required: false, maxLength: 1000,
        value: formatAvailability(member.availability), placeholder: availabilityPlaceholder,
      },
    ];
    if (takesMentees(context)) {
      inputs.push({ type: 'text', id: 'menteeCapacity', label: 'How many mentees at once?', style: 'short', required: true, maxLength: 2, value: String(member.menteeCapacity) });
    }
    return modal({ customId, title: 'When you are available', submitLabel: 'Save', inputs });
  },
  parse(values, context) {
    const windows = parseAvailabilityText(textValue(values, 'availability'));
    if (!windows.ok) return fail('invalid-input', 'Some answers need fixing.', [{ field: 'availability', message: windows.message }]);
    const parsed = scheduleSchema(context).safeParse({
      timezone: textValue(values, 'timezone'),
      availability: windows.windows,
      menteeCapacity: takesMentees(context) ? textValue(values, 'menteeCapacity') : undefined,
    });
    if (!parsed.success) return invalidInput(parsed.error, undefined, { form: true });
    const schedule = parsed.data;
    const { member } = context;
    return ok((db, now) =>
      updateMember(db, member.communityId, member.id, {
        timezone: schedule.timezone,
        availability: JSON.stringify(schedule.availability),
        ...(schedule.menteeCapacity !== undefined ? { mentee_capacity: schedule.menteeCapacity } : {}),
      }, now),
    );
  },
};
