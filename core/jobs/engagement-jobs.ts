import { systemActor } from '../access/actor.js';
import { checkInSilentPairs } from '../engagement/check-in-silent-pairs.js';
import { sendAdminSummary } from '../engagement/send-admin-summary.js';
import { sendWeeklyDigest } from '../engagement/send-weekly-digest.js';
import { communityJob } from './community-job.js';

/** Quiet pairs get a check-in, and their admins a word when it did not help; mid-morning in the community's timezone. */
export const silentPairsJob = communityJob('silent-pair-check-ins', { daily: '10:00' }, ({ deps, community, slot }) =>
  checkInSilentPairs(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));

/** What waits on each member, at the start of their week. */
export const weeklyDigestJob = communityJob('weekly-digest', { weekly: { day: 'mon', time: '09:00' } }, ({ deps, community, slot }) =>
  sendWeeklyDigest(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));

/** The program's last seven days for its admins and owners, after the members' digest. */
export const adminSummaryJob = communityJob('weekly-admin-summary', { weekly: { day: 'mon', time: '09:30' } }, ({ deps, community, slot }) =>
  sendAdminSummary(deps, systemActor, { communityId: community.id, asOf: slot.scheduledAt }));
