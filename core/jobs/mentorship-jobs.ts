import { systemActor } from '../access/actor.js';
import type { Outcome } from '../outcome.js';
import { completeDueMentorships } from '../mentorships/complete-due-mentorships.js';
import { expirePendingRequests } from '../mentorships/expire-pending-requests.js';
import { resumeDueMentorships } from '../mentorships/resume-due-mentorships.js';
import type { CommunityJobContext, JobDefinition } from './job.js';

/** The system actor is always allowed; a refusal is a bug worth recording in job_runs. */
function valueOf<T>(job: string, outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${job} refused: ${outcome.problem.message}`);
  return outcome.value;
}

function perCommunity<T extends object>(
  name: string,
  schedule: JobDefinition['schedule'] & object,
  work: (context: CommunityJobContext) => Promise<Outcome<T>>,
): JobDefinition {
  return {
    name,
    perCommunity: true,
    schedule,
    async run(context) {
      const result = valueOf(name, await work(context));
      context.log.info({ community: context.community.id, ...result }, `${name} done`);
    },
  };
}

/**
 * Seed 003: every day at 23:59 in the community's timezone, relations whose
 * end date has come become COMPLETED. The slot's time, not the tick's, says
 * which day it is (see completeDueMentorships).
 */
export const completeMentorshipsJob = perCommunity('complete-mentorships', { daily: '23:59' }, ({ deps, community, slot }) =>
  completeDueMentorships(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));

/** Paused relations whose resume date has come go back to ACCEPTED, early in the community's morning. */
export const resumeMentorshipsJob = perCommunity('resume-mentorships', { daily: '00:05' }, ({ deps, community, slot }) =>
  resumeDueMentorships(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));

/**
 * Unanswered requests expire after the community's expiry days, and receivers
 * are nudged halfway. Every 15 minutes so an expiry is never far late; each
 * expiry and nudge has its own dedupe key, so a repeated run sends nothing twice.
 */
export const expireRequestsJob = perCommunity('expire-requests', { every: 'minutes', interval: 15 }, ({ deps, community }) =>
  expirePendingRequests(deps, systemActor, { communityId: community.id }));
