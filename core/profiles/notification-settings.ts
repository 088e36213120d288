import { z } from 'zod';
import { choiceValues, textValue } from '../forms/form-values.js';
import { interactionId } from '../interaction-ids.js';
import {
  notificationKindLabel, notificationKinds, notificationPreferences, type NotificationPreferences,
} from '../members/notification-preferences.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';
import { modal, type FormValues, type ModalSpec } from '../reply.js';
import { timeOfDay } from '../shared/time-of-day.js';

const digestLabels = { immediate: 'Right away', daily: 'Daily digest', weekly: 'Weekly digest' } as const;

/** The notification form: which kinds come by DM, how often, and quiet hours. */
export function notificationSettingsModal(preferences: NotificationPreferences): ModalSpec {
  const quiet = preferences.quietHours;
  return modal({
    customId: interactionId('notifications', 'save'),
    title: 'Notifications',
    submitLabel: 'Save',
    inputs: [
      {
        type: 'select', id: 'dmKinds', label: 'Send me a DM about', required: false, minValues: 0, maxValues: notificationKinds.length,
        options: notificationKinds.map((kind) => ({ value: kind, label: notificationKindLabel(kind) })),
        initialValues: notificationKinds.filter((kind) => preferences.channels[kind] === 'dm'),
      },
      {
        type: 'select', id: 'digest', label: 'How often', required: true, minValues: 1, maxValues: 1,
        options: Object.entries(digestLabels).map(([value, label]) => ({ value, label })),
        initialValues: [preferences.digest],
      },
      {
        type: 'text', id: 'quietHours', label: 'Quiet hours in your timezone', style: 'short', required: false, maxLength: 20,
        value: quiet === undefined ? '' : quiet === null ? 'none' : `${quiet.start}-${quiet.end}`,
        placeholder: '22:00-08:00, "none", or empty for the community default',
      },
    ],
  });
}

const quietHoursText = z
  .string()
  .trim()
  .transform((text, context) => {
    if (text === '') return undefined;
    if (text.toLowerCase() === 'none') return null;
    const [start, end, extra] = text.split(/\s*-\s*/);
    const parsed = z.object({ start: timeOfDay, end: timeOfDay }).safeParse({ start, end });
    if (extra !== undefined || !parsed.success) {
      context.addIssue({ code: 'custom', message: 'Write quiet hours as HH:MM-HH:MM, e.g. 22:00-08:00, or "none".' });
      return z.NEVER;
    }
    return parsed.data;
  });

const notificationForm = z.object({
  dmKinds: z.array(z.enum(notificationKinds, 'Pick kinds of notice from the list.')),
  digest: z.enum(['immediate', 'daily', 'weekly'], 'Choose how often: right away, daily or weekly.'),
  quietHours: quietHoursText,
});

/** Reads the submitted form into preferences, checked whole; kinds left out are turned off. */
export function parseNotificationSettings(values: FormValues): Outcome<NotificationPreferences> {
  const parsed = notificationForm.safeParse({
    dmKinds: choiceValues(values, 'dmKinds'),
    digest: choiceValues(values, 'digest')[0],
    quietHours: textValue(values, 'quietHours'),
  });
  if (!parsed.success) return invalidInput(parsed.error, undefined, { form: true });
  const { dmKinds, digest, quietHours } = parsed.data;
  return ok(
    notificationPreferences.parse({
      channels: Object.fromEntries(notificationKinds.map((kind) => [kind, dmKinds.includes(kind) ? 'dm' : 'off'])),
      digest,
      ...(quietHours !== undefined ? { quietHours } : {}),
    }),
  );
}
