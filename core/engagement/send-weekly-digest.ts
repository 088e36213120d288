import { sql } from 'kysely';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { listActiveMembers } from '../members/member.repository.js';
import { isoWeek, localToday } from '../mentorships/calendar.js';
import { enqueue } from '../outbox/enqueue.js';
import { ok, type Outcome } from '../outcome.js';
import { engagementNotices, type PendingActions } from './engagement-messages.js';

/**
 * One direct message a week to each active member with something waiting on
 * them: requests they received that are still pending, sessions the other
 * side proposed that they have not confirmed, and open tasks of their side
 * that are past due. Members with nothing waiting get nothing, and so do
 * members who turned reminders off (the digest is a reminder). The dedupe key
 * holds the ISO week of `asOf` in the community's timezone, so a repeated or
 * caught-up run sends no second digest that week.
 */
export async function sendWeeklyDigest(deps: CoreDeps, actor: Actor, input: { communityId: number; asOf?: Date }): Promise<Outcome<{ sent: number }>> {
  const denied = authorize(actor, 'engagement.send-digest');
  if (denied) return denied;
  const asOf = input.asOf ?? deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const today = localToday(asOf, community.timezone);
  const week = isoWeek(today);
  const pending = new Map<number, { requests: number; sessionsToConfirm: number; overdueTasks: number }>();
  const entry = (memberId: number) => {
    let found = pending.get(memberId);
    if (!found) pending.set(memberId, (found = { requests: 0, sessionsToConfirm: 0, overdueTasks: 0 }));
    return found;
  };
  const count = sql<string>`count(*)`;

  const requests = await deps.db
    .selectFrom('mentorships')
    .select(['receiver_id as member_id', count.as('count')])
    .where('community_id', '=', community.id)
    .where('status', '=', 'PENDING')
    .where('receiver_id', 'is not', null)
    .groupBy('receiver_id')
    .execute();
  for (const row of requests) if (row.member_id !== null) entry(row.member_id).requests = Number(row.count);

  // The side that did not propose confirms; a proposal already in the past is nothing to act on.
  const toConfirm = sql<number>`case when s.proposed_by = m.mentor_id then m.mentee_id else m.mentor_id end`;
  const sessions = await deps.db
    .selectFrom('mentoring_sessions as s')
    .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
    .select([toConfirm.as('member_id'), count.as('count')])
    .where('m.community_id', '=', community.id)
    .where('m.status', 'in', ['ACCEPTED', 'PAUSED'])
    .where('s.status', '=', 'PROPOSED')
    .where('s.starts_at', '>', asOf)
    .groupBy(toConfirm)
    .execute();
  for (const row of sessions) if (row.member_id !== null) entry(row.member_id).sessionsToConfirm = Number(row.count);

  const assignee = sql<number>`case when t.assignee_role = 'MENTOR' then m.mentor_id else m.mentee_id end`;
  const tasks = await deps.db
    .selectFrom('tasks as t')
    .innerJoin('mentorships as m', 'm.id', 't.mentorship_id')
    .select([assignee.as('member_id'), count.as('count')])
    .where('m.community_id', '=', community.id)
    .where('m.status', 'in', ['ACCEPTED', 'PAUSED'])
    .where('t.done_at', 'is', null)
    .where('t.due_date', '<', today)
    .groupBy(assignee)
    .execute();
  for (const row of tasks) if (row.member_id !== null) entry(row.member_id).overdueTasks = Number(row.count);

  let sent = 0;
  const members = await listActiveMembers(deps.db, community.id, { ids: [...pending.keys()] });
  for (const member of members) {
    if (member.notificationPreferences.channels.reminders === 'off') continue;
    const actions: PendingActions = pending.get(member.id)!;
    const message = engagementNotices.digest(actions);
    if (await enqueue(deps.db, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: member.id, message }, dedupeKey: `digest:${member.id}:${week}` })) sent++;
  }
  return ok({ sent });
}
