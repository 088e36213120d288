import { sql } from 'kysely';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { listActiveMembers } from '../members/member.repository.js';
import { isoWeek, localToday } from '../mentorships/calendar.js';
import { findSilentMentorships } from '../mentorships/find-silent-mentorships.js';
import { enqueue } from '../outbox/enqueue.js';
import { ok, type Outcome } from '../outcome.js';
import { engagementNotices, type ProgramWeek } from './engagement-messages.js';

const week = 7 * 86_400_000;

/**
 * The program's numbers for the seven days before `asOf`, sent once a week to
 * each active admin and owner: new members, requests sent and accepted,
 * relations started and completed, sessions held, and, as of now, silent
 * pairs and reports not yet resolved. The dedupe key holds the ISO week of
 * `asOf` in the community's timezone, so each admin gets one summary a week.
 */
export async function sendAdminSummary(deps: CoreDeps, actor: Actor, input: { communityId: number; asOf?: Date }): Promise<Outcome<{ sent: number; week: ProgramWeek }>> {
  const denied = authorize(actor, 'engagement.send-admin-summary');
  if (denied) return denied;
  const asOf = input.asOf ?? deps.clock.now();
  const from = new Date(asOf.getTime() - week);
  const community = await requireCommunity(deps.db, input.communityId);
  const { db } = deps;
  const count = sql<string>`count(*)`.as('count');
  const total = async (query: { executeTakeFirstOrThrow(): Promise<{ count: string }> }) => Number((await query.executeTakeFirstOrThrow()).count);

  const silent = await findSilentMentorships(deps, actor, { communityId: community.id, asOf });
  if (!silent.ok) return silent;
  const numbers: ProgramWeek = {
    newMembers: await total(db.selectFrom('members').select(count).where('community_id', '=', community.id).where('joined_at', '>=', from).where('joined_at', '<', asOf)),
    requestsSent: await total(db.selectFrom('mentorships').select(count).where('community_id', '=', community.id).where('created_at', '>=', from).where('created_at', '<', asOf)),
    // Accepted by the receiver: straight to ACCEPTED, or on to an admin's approval.
    requestsAccepted: await total(
      db.selectFrom('mentorship_events as e').innerJoin('mentorships as m', 'm.id', 'e.mentorship_id').select(count)
        .where('m.community_id', '=', community.id).where('e.from_status', '=', 'PENDING').where('e.to_status', 'in', ['ACCEPTED', 'AWAITING_APPROVAL'])
        .where('e.created_at', '>=', from).where('e.created_at', '<', asOf),
    ),
    mentorshipsStarted: await total(db.selectFrom('mentorships').select(count).where('community_id', '=', community.id).where('accepted_at', '>=', from).where('accepted_at', '<', asOf)),
    mentorshipsCompleted: await total(
      db.selectFrom('mentorship_events as e').innerJoin('mentorships as m', 'm.id', 'e.mentorship_id').select(count)
        .where('m.community_id', '=', community.id).where('e.to_status', '=', 'COMPLETED').where('e.created_at', '>=', from).where('e.created_at', '<', asOf),
    ),
    sessionsCompleted: await total(
      db.selectFrom('mentoring_sessions as s').innerJoin('mentorships as m', 'm.id', 's.mentorship_id').select(count)
        .where('m.community_id', '=', community.id).where('s.status', '=', 'COMPLETED').where('s.starts_at', '>=', from).where('s.starts_at', '<', asOf),
    ),
    silentPairs: silent.value.length,
    openReports: await total(db.selectFrom('reports').select(count).where('community_id', '=', community.id).where('status', '!=', 'RESOLVED')),
  };

  const isoWeekKey = isoWeek(localToday(asOf, community.timezone));
  const message = engagementNotices.adminSummary(community.settings.programName, numbers);
  let sent = 0;
  for (const admin of await listActiveMembers(db, community.id, { roles: ['ADMIN', 'OWNER'] })) {
    if (await enqueue(db, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: admin.id, message }, dedupeKey: `admin-summary:${admin.id}:${isoWeekKey}` })) sent++;
  }
  return ok({ sent, week: numbers });
}
