import { systemActor } from '../access/actor.js';
import { sendGoalReminders } from '../goals/send-goal-reminders.js';
import type { Outcome } from '../outcome.js';
import { sendSessionReminders } from '../sessions/send-session-reminders.js';
import type { CommunityJobContext, JobDefinition } from './job.js';

function perCommunity<T extends object>(name: string, schedule: JobDefinition['schedule'] & object, work: (context: CommunityJobContext) => Promise<Outcome<T>>): JobDefinition {
  return {
    name,
    perCommunity: true,
    schedule,
    async run(context) {
      const outcome = await work(context);
      // The system actor is always allowed; a refusal is a bug worth recording in job_runs.
      if (!outcome.ok) throw new Error(`${name} refused: ${outcome.problem.message}`);
      context.log.info({ community: context.community.id, ...outcome.value }, `${name} done`);
    },
  };
}

/**
 * Session reminders, 24 h and 1 h before. Every 5 minutes, looking 5 minutes
 * ahead, so each reminder is queued before it is due and the outbox sends it
 * on time (the outbox row's due_at is the exact instant).
 */
export const sessionRemindersJob = perCommunity('session-reminders', { every: 'minutes', interval: 5 }, ({ deps, community }) =>
  sendSessionReminders(deps, systemActor, { communityId: community.id }));

/** Goal and task due dates: 3 days and 1 day before, and once overdue; each morning in the community's timezone. */
export const goalRemindersJob = perCommunity('goal-reminders', { daily: '09:00' }, ({ deps, community, slot }) =>
  sendGoalReminders(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));
