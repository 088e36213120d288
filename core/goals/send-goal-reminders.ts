import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import type { MemberRecord } from '../members/member.js';
import { addDaysTo, daysBetween, localToday } from '../mentorships/calendar.js';
import { enqueue } from '../outbox/enqueue.js';
import { ok, type Outcome } from '../outcome.js';
import type { Message } from '../reply.js';
import { zoneOf } from '../sessions/pair-context.js';
import { afterQuietHours, quietHoursOf } from '../sessions/quiet-hours.js';
import { listDueItems } from './goal.repository.js';
import { dueNoticeFor, goalNotices } from './goal-messages.js';

/** How long an overdue notice is still worth sending after a missed run: a week. */
const overdueWindowDays = 7;

/**
 * Due-date notices of running relations, for the day `asOf` is in the
 * community's timezone: the community's days before (`reminders.goalDueDaysBefore`,
 * 3 days and 1 day by default), and once overdue. Goals go to both members,
 * tasks to their assignee. A run that catches up a missed day still sends
 * what is due now (a "due tomorrow" becomes "due today"; see `dueNoticeFor`),
 * and each notice has a dedupe key per item, due date, days before (or
 * overdue) and member, so nothing is sent twice, even when an owner changes
 * the days. Members who turned goal notices off get none; quiet hours (on
 * the member's clock) delay them.
 */
export async function sendGoalReminders(deps: CoreDeps, actor: Actor, input: { communityId: number; asOf?: Date }): Promise<Outcome<{ sent: number }>> {
  const denied = authorize(actor, 'goals.remind');
  if (denied) return denied;
  const now = deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const today = localToday(input.asOf ?? now, community.timezone);
  const daysBefore = community.settings.reminders.goalDueDaysBefore;
  let sent = 0;
  await deps.db.transaction().execute(async (trx) => {
    const due = await listDueItems(trx, community.id, addDaysTo(today, -overdueWindowDays), addDaysTo(today, Math.max(...daysBefore)));
    const members = new Map<number, MemberRecord | null>();
    const member = async (id: number | null) => {
      if (id === null) return null;
      if (!members.has(id)) members.set(id, await findMember(trx, community.id, id));
      return members.get(id) ?? null;
    };
    // The mentorship is named so a closed-DM fallback can only post in this pair's own space.
    const send = async (to: MemberRecord | null, message: Message, key: string, mentorshipId: number) => {
      if (!to || to.erasedAt || to.notificationPreferences.channels.goals === 'off') return;
      const dueAt = afterQuietHours(now, quietHoursOf(to, community.settings.defaultQuietHours), zoneOf(to, community));
      if (await enqueue(trx, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: to.id, message, timely: true, mentorshipId }, dedupeKey: `${key}:${to.id}`, dueAt })) sent++;
    };
    for (const { goal, mentorId, menteeId } of due.goals) {
      const notice = dueNoticeFor(daysBetween(today, goal.dueDate ?? today), daysBefore);
      if (!notice) continue;
      const message = goalNotices.goalDue(goal, notice, community);
      for (const id of [mentorId, menteeId]) await send(await member(id), message, `goal:${goal.id}:due:${goal.dueDate}:${notice}`, goal.mentorshipId);
    }
    for (const { task, mentorId, menteeId } of due.tasks) {
      const notice = dueNoticeFor(daysBetween(today, task.dueDate ?? today), daysBefore);
      if (!notice) continue;
      await send(await member(task.assigneeRole === 'MENTOR' ? mentorId : menteeId), goalNotices.taskDue(task, notice, community), `task:${task.id}:due:${task.dueDate}:${notice}`, task.mentorshipId);
    }
  });
  return ok({ sent });
}
