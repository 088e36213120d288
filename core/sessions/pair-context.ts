import type { Kysely } from 'kysely';
import type { KnownMemberActor } from '../access/actor.js';
import { requireCommunity, type CommunityProfile } from '../communities/community.repository.js';
import { findMember } from '../members/member.repository.js';
import type { MemberRecord } from '../members/member.js';
import { isParty, otherParty, type MentorshipRecord } from '../mentorships/mentorship.js';
import { findMentorship } from '../mentorships/mentorship.repository.js';
import { lockMentorship } from '../mentorships/transitions.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Database } from '../store/database.js';

/**
 * Only the pair acts on a mentorship's toolkit (sessions, goals, tasks,
 * feedback): anyone else, admins included, gets the same answer as for an id
 * that does not exist, so ids reveal nothing.
 */
export const notYours = () => fail('not-found', 'That mentorship does not exist, or is not yours.');

export interface PairContext {
  readonly community: CommunityProfile;
  readonly mentorship: MentorshipRecord;
  readonly me: MemberRecord;
  /** Null once the other member was purged. */
  readonly other: MemberRecord | null;
}

/**
 * The mentorship the actor is one side of, with both members. `lock: true`
 * (inside a transaction) takes the locks every transition takes, members in
 * id order then the mentorship, so checks over both members' sessions are
 * settled one proposal at a time.
 */
export async function loadPair(db: Kysely<Database>, actor: KnownMemberActor, mentorshipId: number, options: { lock?: boolean } = {}): Promise<Outcome<PairContext>> {
  if (!Number.isSafeInteger(mentorshipId) || mentorshipId <= 0) return notYours();
  const mentorship = options.lock ? await lockMentorship(db, actor.communityId, mentorshipId) : await findMentorship(db, actor.communityId, mentorshipId);
  if (!mentorship || !isParty(mentorship, actor.memberId)) return notYours();
  const me = await findMember(db, actor.communityId, actor.memberId);
  if (!me) return notYours();
  const otherId = otherParty(mentorship, actor.memberId);
  const other = otherId === null ? null : await findMember(db, actor.communityId, otherId);
  return ok({ community: await requireCommunity(db, actor.communityId), mentorship, me, other });
}

/** The mentor and the mentee of a pair, whichever side `me` is. */
export function mentorAndMentee(pair: PairContext): { mentor: MemberRecord | null; mentee: MemberRecord | null } {
  return pair.mentorship.mentorId === pair.me.id ? { mentor: pair.me, mentee: pair.other } : { mentor: pair.other, mentee: pair.me };
}

/** The timezone a member's times are read in: their own, or the community's when they gave none. */
export function zoneOf(member: MemberRecord, community: CommunityProfile): string {
  return member.timezone ?? community.timezone;
}
