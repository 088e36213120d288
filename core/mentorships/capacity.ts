import type { Kysely } from 'kysely';
import type { CommunitySettings } from '../communities/settings.js';
import type { MemberRecord } from '../members/member.js';
import { fail, type Failure } from '../outcome.js';
import type { Database } from '../store/database.js';
import { seatTakingStatuses } from './mentorship.js';
import { countInRole } from './mentorship.repository.js';

/** How many mentees a mentor takes at once: their own capacity, within the community's cap. */
export function mentorSeats(mentor: MemberRecord, settings: CommunitySettings): number {
  return Math.min(mentor.menteeCapacity, settings.openRelations.perMentor);
}

/**
 * Whether one more relation fits: a free seat with the mentor, and the mentee
 * under the community's limit. Accepted relations awaiting approval already
 * count. Race-safe only with both member rows locked (see `lockMentorship`).
 */
export async function checkSeats(db: Kysely<Database>, settings: CommunitySettings, mentor: MemberRecord, mentee: MemberRecord): Promise<Failure | null> {
  if ((await countInRole(db, mentor.id, 'mentor', seatTakingStatuses)) >= mentorSeats(mentor, settings)) {
    return fail('limit-reached', 'The mentor has no free seat for another mentee at the moment.');
  }
  if ((await countInRole(db, mentee.id, 'mentee', seatTakingStatuses)) >= settings.openRelations.perMentee) {
    const limit = settings.openRelations.perMentee;
    return fail('limit-reached', `The mentee already has ${limit === 1 ? 'a mentorship' : `${limit} mentorships`} under way, the most this community allows.`);
  }
  return null;
}
