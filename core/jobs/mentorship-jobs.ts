import { systemActor } from '../access/actor.js';
import { completeDueMentorships } from '../mentorships/complete-due-mentorships.js';
import { expirePendingRequests } from '../mentorships/expire-pending-requests.js';
import { resumeDueMentorships } from '../mentorships/resume-due-mentorships.js';
import { communityJob } from './community-job.js';

/**
 * Seed 003: every day at 23:59 in the community's timezone, relations whose
 * end date has come become COMPLETED. The slot's time, not the tick's, says
 * which day it is (see completeDueMentorships).
 */
export const completeMentorshipsJob = communityJob('complete-mentorships', { daily: '23:59' }, ({ deps, community, slot }) =>
  completeDueMentorships(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));

/** Paused relations whose resume date has come go back to ACCEPTED, early in the community's morning. */
export const resumeMentorshipsJob = communityJob('resume-mentorships', { daily: '00:05' }, ({ deps, community, slot }) =>
  resumeDueMentorships(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));

/**
 * Unanswered requests expire after the community's expiry days, and receivers
 * are nudged halfway. Every 15 minutes so an expiry is never far late; each
 * expiry and nudge has its own dedupe key, so a repeated run sends nothing twice.
 */
export const expireRequestsJob = communityJob('expire-requests', { every: 'minutes', interval: 15 }, ({ deps, community }) =>
  expirePendingRequests(deps, systemActor, { communityId: community.id }));
