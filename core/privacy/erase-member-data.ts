import { sql, type Kysely } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { findMember } from '../members/member.repository.js';
import { countOtherActiveOwners } from '../members/other-active-owners.js';
import { endMemberMentorships, openRequestStatuses, runningMentorshipStatuses } from '../mentorships/end-member-mentorships.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message } from '../reply.js';
import type { Database } from '../store/database.js';

export const erasedDisplayName = 'Erased member';
const reason = 'member erased their data';

export interface ErasureResult {
  readonly alreadyErased: boolean;
  readonly endedMentorships: number;
  readonly withdrawnRequests: number;
  readonly reply: Message;
}

/**
 * Erases the member's personal data, in one transaction. Their running
 * mentorships are cancelled and their open requests withdrawn, each with a
 * notice to the other side; then profile, skills, preferences and written
 * feedback text are cleared and the platform id is replaced, so the person is
 * a stranger if they come back. The row stays, anonymous, so counts and
 * ratings in the program's history still add up. Erasing twice changes nothing.
 *
 * The last active owner must hand over ownership first.
 */
export async function eraseMemberData(deps: CoreDeps, actor: Actor): Promise<Outcome<ErasureResult>> {
  const auth = authorizeMember(actor, 'data.erase');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (trx) => {
    const member = await findMember(trx, communityId, memberId, { lock: true });
    if (!member) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    if (member.erasedAt) return ok(result(true, 0, 0));
    if (member.role === 'OWNER' && (await countOtherActiveOwners(trx, communityId, memberId)) === 0) {
      return fail('last-owner', 'You are the only owner of this community. Make another member owner before erasing your data.');
    }

    const common = { communityId, memberId, actor: { kind: 'MEMBER' as const, memberId }, reason, noticeKey: 'erasure', now };
    const ended = await endMemberMentorships(trx, {
      ...common,
      from: runningMentorshipStatuses,
      to: 'CANCELLED',
      notice: (mentorship) => privateMessage([`Your mentorship "${truncate(mentorship.description, 80)}" has ended: the other member left the program and erased their data.`], { title: 'Mentorship ended' }),
    });
    const withdrawn = await endMemberMentorships(trx, {
      ...common,
      from: openRequestStatuses,
      to: 'WITHDRAWN',
      notice: (request) => privateMessage([`The mentorship request "${truncate(request.description, 80)}" was withdrawn: the other member left the program.`], { title: 'Request withdrawn' }),
    });
    await erasePersonalRows(trx, memberId);
    await trx
      .updateTable('members')
      .set({
        platform_user_id: `erased:${memberId}`, display_name: erasedDisplayName, role: 'REGULAR', status: 'LEFT',
        left_at: sql<Date>`coalesce(left_at, ${now})`, erased_at: now, updated_at: now,
        bio: null, job_title: null, years_experience: null, mentorship_role: null, mentorship_types: [], timezone: null,
        availability: '[]', mentee_capacity: 0, not_taking_mentees_until: null, notification_preferences: '{}',
        code_of_conduct_accepted_at: null, status_reason: null,
      })
      .where('id', '=', memberId)
      .execute();
    await trx.insertInto('audit_log').values({ community_id: communityId, actor_member_id: memberId, action: 'member.erased', target_type: 'member', target_id: String(memberId) }).execute();
    return ok(result(false, ended.length, withdrawn.length));
  });
}

/** Rows that are only personal data; ratings keep their numbers, written text goes. */
async function erasePersonalRows(db: Kysely<Database>, memberId: number): Promise<void> {
  await db.deleteFrom('member_skills').where('member_id', '=', memberId).execute();
  await db.deleteFrom('member_blocks').where((eb) => eb.or([eb('member_id', '=', memberId), eb('blocked_member_id', '=', memberId)])).execute();
  await db.deleteFrom('suggestions').where('status', '=', 'PENDING').where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)])).execute();
  await db.deleteFrom('matching_round_skips').where('member_id', '=', memberId).execute();
  await db.deleteFrom('login_links').where('member_id', '=', memberId).execute();
  await db
    .updateTable('feedback')
    .set({ comment: null, went_well: null, testimonial: null, testimonial_public: false })
    .where((eb) => eb.or([eb('author_id', '=', memberId), eb('subject_id', '=', memberId)]))
    .execute();
}

function result(alreadyErased: boolean, endedMentorships: number, withdrawnRequests: number): ErasureResult {
  return {
    alreadyErased,
    endedMentorships,
    withdrawnRequests,
    reply: privateMessage(['Your personal data has been erased. Anonymous totals (such as how many mentorships the program ran) remain. You can join again at any time as a new member.'], { title: 'Data erased' }),
  };
}
