import { z } from 'zod';
import { quietHours } from '../shared/time-of-day.js';

/** Kinds of notice a member can route; later features send under one of these. */
export const notificationKinds = ['requests', 'sessions', 'reminders', 'goals', 'suggestions', 'announcements'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

const kindLabels: Record<NotificationKind, string> = {
  requests: 'Mentorship requests',
  sessions: 'Sessions',
  reminders: 'Reminders',
  goals: 'Goals and tasks',
  suggestions: 'Match suggestions',
  announcements: 'Program announcements',
};

export function notificationKindLabel(kind: NotificationKind): string {
  return kindLabels[kind];
}

/**
 * A member's notification preferences. Stored as the member set them; `{}`
 * means "DM everything, immediately, with the community's quiet hours".
 * `quietHours` absent follows the community default; null means none.
 */
export const notificationPreferences = z.object({
  channels: z
    .object(Object.fromEntries(notificationKinds.map((kind) => [kind, z.enum(['dm', 'off']).default('dm')])) as Record<NotificationKind, z.ZodDefault<z.ZodEnum<{ dm: 'dm'; off: 'off' }>>>)
    .prefault({}),
  quietHours: quietHours.nullable().optional(),
  digest: z.enum(['immediate', 'daily', 'weekly'], 'Choose immediate, daily or weekly.').default('immediate'),
});

export type NotificationPreferences = z.infer<typeof notificationPreferences>;
