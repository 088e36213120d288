import { sql } from 'kysely';
import { systemActor } from '../access/actor.js';
import { purgeMembers } from '../members/purge-members.js';
import { pruneDeliveredOutbox } from '../outbox/prune-delivered.js';
import { adminSummaryJob, silentPairsJob, weeklyDigestJob } from './engagement-jobs.js';
import type { JobDefinition } from './job.js';
import { pruneJobRuns } from './job-runs.js';
import { matchingRoundsJob } from './matching-jobs.js';
import { completeMentorshipsJob, expireRequestsJob, resumeMentorshipsJob } from './mentorship-jobs.js';
import { goalRemindersJob, sessionRemindersJob } from './toolkit-jobs.js';

/**
 * Keeps the two bookkeeping tables from growing forever: sent outbox rows
 * past their retention, and finished job runs. Early morning UTC, away from
 * the 23:59 completion run.
 *
 * Then vacuums both: every claim and delivery rewrites an outbox row, and the
 * embedded PGlite runs no background workers, so without this nothing would
 * clear the dead entries the dispatcher's index scans step over. On
 * PostgreSQL autovacuum does it too; one more pass is cheap.
 */
export const housekeepingJob: JobDefinition = {
  name: 'housekeeping',
  perCommunity: false,
  schedule: { daily: '04:10' },
  async run({ deps, now, log }) {
    const outboxRows = await pruneDeliveredOutbox(deps.db, now);
    const jobRuns = await pruneJobRuns(deps.db, now);
    await sql`vacuum (analyze) outbox, job_runs`.execute(deps.db);
    log.info({ outboxRows, jobRuns }, 'housekeeping pruned old rows and vacuumed');
  },
};

/**
 * Seed 003's monthly purge: members who never finished onboarding and members
 * gone past their community's retention. One global run covers every
 * community (each with its own retention), early on the 1st, UTC.
 */
export const monthlyPurgeJob: JobDefinition = {
  name: 'monthly-purge',
  perCommunity: false,
  schedule: { monthly: { day: 1, time: '03:00' } },
  async run({ deps, now, log }) {
    const outcome = await purgeMembers(deps, systemActor, { now });
    // The system actor is always allowed; a refusal here is a bug worth recording in job_runs.
    if (!outcome.ok) throw new Error(`monthly purge refused: ${outcome.problem.message}`);
    log.info({ ...outcome.value }, 'monthly purge done');
  },
};

/**
 * Every scheduled job of the bot, in one place. Each is a thin call into the
 * core; a feature adds its job here when its core function exists.
 */
export function scheduledJobs(): JobDefinition[] {
  return [
    completeMentorshipsJob, resumeMentorshipsJob, expireRequestsJob, sessionRemindersJob, goalRemindersJob, matchingRoundsJob,
    silentPairsJob, weeklyDigestJob, adminSummaryJob, monthlyPurgeJob, housekeepingJob,
  ];
}
