import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor, KnownMemberActor } from '../access/actor.js';
import { listAdministeredCommunities } from '../admin/admin-scope.js';
import { recordAudit } from '../admin/record-audit.js';
import { revokePersonSessions } from '../admin/web-sessions.js';
import type { CoreDeps } from '../deps.js';
import { openRoundStatuses } from '../matching/matching-round.repository.js';
import { openStatuses, runningMentorshipStatuses, type MentorshipRecord } from '../mentorships/mentorship.js';
import { lockMentorship, transition } from '../mentorships/transitions.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message } from '../reply.js';
import { ForbiddenError } from '../errors.js';
import type { Database, MentorshipStatus, Platform } from '../store/database.js';
import { requireCommunity } from './community.repository.js';

const uninstallInput = z.object({ confirmName: z.string().trim().min(1, 'Type the community’s name to confirm.') });

export interface UninstallResult {
  readonly endedMentorships: number;
  readonly withdrawnRequests: number;
  readonly cancelledRounds: number;
  /** Web sessions ended: of the community's admins and owners who administer no other community. */
  readonly revokedSessions: number;
  /** Whether the owner who uninstalled was signed out too (they administer nothing else). */
  readonly signedOut: boolean;
}

/**
 * An owner closes the program in their community, confirming by typing its
 * name. In one transaction: the community becomes INACTIVE (its data stays;
 * scheduled jobs skip it and the admin site no longer opens it), every
 * running mentorship is ended and every open request withdrawn through the
 * state machine with a notice to both members, rounds not yet run are
 * cancelled, unused sign-in links expire, and the web sessions of its admins
 * and owners are revoked, except for people who still administer another
 * community (their sessions serve that one; this one is closed to them on
 * their next request anyway). Audited as `community.uninstalled`.
 *
 * `uninstalled_at` records that an owner closed it, so nothing takes it for
 * lost access that came back (a Slack token that still works at start-up).
 * Both chat adapters refuse every command, button and form in an INACTIVE
 * community. On Discord the bot then leaves the server (a 'community.leave'
 * row, delivered once the notices are out), so adding the bot again is the
 * reinstall; on Slack the app stays installed until an owner removes it, and
 * installing it again brings the program back (see `reinstall-community.ts`).
 */
export async function uninstallCommunity(deps: CoreDeps, actor: Actor, input: { confirmName: string }): Promise<Outcome<UninstallResult>> {
  const auth = authorizeMember(actor, 'community.uninstall');
  if (!auth.ok) return auth;
  const parsed = uninstallInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const owner = auth.value;
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (trx) => {
    // The row lock makes a second, concurrent uninstall wait and then find the community closed.
    const row = await trx.selectFrom('communities').select(['name', 'status', 'platform']).where('id', '=', owner.communityId).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'ACTIVE') return fail('already-done', 'This community is already uninstalled.');
    if (parsed.data.confirmName !== row.name.trim()) {
      const message = `Type the community’s name exactly as shown: ${row.name.trim()}`;
      return fail('invalid-input', message, [{ field: 'confirmName', message }]);
    }
    // uninstalled_at tells this apart from the platform taking the bot's access away: only a reinstall clears it.
    await trx.updateTable('communities').set({ status: 'INACTIVE', uninstalled_at: now, updated_at: now }).where('id', '=', owner.communityId).execute();

    const { programName } = (await requireCommunity(trx, owner.communityId)).settings;
    const ended = await endOpenMentorships(trx, owner, programName, now);
    const rounds = await trx
      .updateTable('matching_rounds')
      .set({ status: 'CANCELLED' })
      .where('community_id', '=', owner.communityId)
      .where('status', 'in', openRoundStatuses)
      .executeTakeFirst();
    await trx
      .updateTable('login_links')
      .set({ expires_at: now })
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('member_id', 'in', trx.selectFrom('members').select('id').where('community_id', '=', owner.communityId))
      .execute();
    const revoked = await revokeStaffSessions(trx, owner, row.platform, now);
    if (row.platform === 'discord') {
      // Queued after the notices, and held back until they are out (core/outbox/community-leave.ts). The time keeps
      // the key unique when a community is uninstalled again after a reinstall.
      await enqueue(trx, { communityId: owner.communityId, kind: 'community.leave', payload: {}, dedupeKey: `uninstall:${owner.communityId}:leave:${now.toISOString()}` });
    }

    const result: UninstallResult = { ...ended, cancelledRounds: Number(rounds.numUpdatedRows), ...revoked };
    await recordAudit(trx, owner, { action: 'community.uninstalled', targetType: 'community', targetId: owner.communityId, details: { ...result } });
    return ok(result);
  });
}

/**
 * Ends every open mentorship of the community as the owner, acting as an
 * admin: running ones are cancelled (their spaces closed and archived), open
 * requests withdrawn. Both members get the same notice, which says why; it
 * replaces the transition's usual DMs. Dedupe keys name the community, the
 * mentorship and the member, so nothing is told twice.
 */
async function endOpenMentorships(db: Kysely<Database>, owner: KnownMemberActor, programName: string, now: Date): Promise<{ endedMentorships: number; withdrawnRequests: number }> {
  const open = await db.selectFrom('mentorships').select('id').where('community_id', '=', owner.communityId).where('status', 'in', openStatuses).orderBy('id').execute();
  let endedMentorships = 0;
  let withdrawnRequests = 0;
  for (const { id } of open) {
    const mentorship = await lockMentorship(db, owner.communityId, id);
    if (!mentorship) continue;
    const running = (runningMentorshipStatuses as readonly MentorshipStatus[]).includes(mentorship.status);
    const message = closingNotice(mentorship, programName, running);
    const sides = await reachableSides(db, mentorship);
    const noticeFor = (memberId: number) => ({ to: memberId, message, dedupeKey: `uninstall:${owner.communityId}:${mentorship.id}:notice:${memberId}` });
    const [first, ...others] = sides;
    const done = await transition(db, {
      mentorship,
      action: running ? 'cancel' : 'retract',
      actor: { kind: 'admin', memberId: owner.memberId },
      reason: 'the program was closed in this community',
      now,
      // The transition takes one notice; the other side's is queued below with its own key.
      ...(first === undefined ? {} : { extra: { notice: noticeFor(first) } }),
    });
    // Open statuses and an admin actor are what the table allows: a refusal is a bug, not an owner's mistake.
    if (!done.ok) throw new ForbiddenError(`closing mentorship ${mentorship.id} (${mentorship.status}) was refused: ${done.problem.message}`);
    for (const other of others) {
      const notice = noticeFor(other);
      await enqueue(db, { communityId: owner.communityId, kind: 'dm', payload: { recipientMemberId: notice.to, message: notice.message }, dedupeKey: notice.dedupeKey });
    }
    if (running) endedMentorships++;
    else withdrawnRequests++;
  }
  return { endedMentorships, withdrawnRequests };
}

/** The pair's members who can still be told: not purged, not erased. */
async function reachableSides(db: Kysely<Database>, mentorship: MentorshipRecord): Promise<number[]> {
  const ids = [mentorship.mentorId, mentorship.menteeId].filter((id): id is number => id !== null);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('members').select('id').where('id', 'in', ids).where('erased_at', 'is', null).orderBy('id').execute();
  return rows.map((member) => member.id);
}

function closingNotice(mentorship: MentorshipRecord, programName: string, running: boolean): Message {
  const what = running ? `your mentorship "${truncate(mentorship.description, 80)}" has ended` : `the mentorship request "${truncate(mentorship.description, 80)}" was withdrawn`;
  return privateMessage([`${programName} has closed in this community, so ${what}. Thank you for taking part.`], { title: running ? 'Mentorship ended' : 'Request withdrawn' });
}

/**
 * Revokes the web sessions of the community's admins and owners (the
 * community is already INACTIVE in this transaction) who administer no other
 * active community.
 */
async function revokeStaffSessions(db: Kysely<Database>, owner: KnownMemberActor, platform: Platform, now: Date): Promise<{ revokedSessions: number; signedOut: boolean }> {
  const staff = await db
    .selectFrom('members')
    .select('platform_user_id')
    .where('community_id', '=', owner.communityId)
    .where('role', 'in', ['ADMIN', 'OWNER'])
    .where('erased_at', 'is', null)
    .execute();
  let revokedSessions = 0;
  let signedOut = false;
  for (const { platform_user_id: platformUserId } of staff) {
    const person = { platform, platformUserId };
    if ((await listAdministeredCommunities(db, person)).length > 0) continue;
    revokedSessions += await revokePersonSessions(db, person, now);
    if (platformUserId === owner.platformUserId) signedOut = true;
  }
  return { revokedSessions, signedOut };
}
