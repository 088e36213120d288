import { systemActor } from '../access/actor.js';
import { sendGoalReminders } from '../goals/send-goal-reminders.js';
import { sendSessionReminders } from '../sessions/send-session-reminders.js';
import { communityJob } from './community-job.js';

/**
 * Session reminders at the community's times (`reminders.sessionHoursBefore`,
 * 24 h and 1 h before by default, read on each run). Every 5 minutes, looking
 * 5 minutes ahead, so each reminder is queued before it is due and the outbox
 * sends it on time (the outbox row's due_at is the exact instant).
 */
export const sessionRemindersJob = communityJob('session-reminders', { every: 'minutes', interval: 5 }, ({ deps, community }) =>
  sendSessionReminders(deps, systemActor, { communityId: community.id }));

/**
 * Goal and task due dates at the community's days (`reminders.goalDueDaysBefore`,
 * 3 days and 1 day before by default), and once overdue; each morning in the
 * community's timezone.
 */
export const goalRemindersJob = communityJob('goal-reminders', { daily: '09:00' }, ({ deps, community, slot }) =>
  sendGoalReminders(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));
