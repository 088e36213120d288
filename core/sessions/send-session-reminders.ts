import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { findMember } from '../members/member.repository.js';
import type { MemberRecord } from '../members/member.js';
import { enqueue } from '../outbox/enqueue.js';
import { ok, type Outcome } from '../outcome.js';
import { zoneOf } from './pair-context.js';
import { afterQuietHours, quietHoursOf } from './quiet-hours.js';
import { toSession } from './session.repository.js';
import { sessionNotices } from './session-messages.js';

const hour = 3_600_000;
const reminders = { '24h': 24 * hour, '1h': hour } as const;
/** How far ahead each run looks: the job's interval, so a reminder is queued before it is due and the outbox sends it on the minute. */
export const reminderLookaheadMs = 5 * 60_000;

/**
 * Queues the 24-hour and 1-hour reminders of confirmed sessions to both
 * members, each due at exactly start − 24 h and start − 1 h of real time
 * (across DST changes too: UTC arithmetic), unless the member turned
 * reminders off.
 *
 * - The 24-hour reminder respects quiet hours: due inside the member's quiet
 *   hours (their own, else the community's, read on their clock), it is due
 *   at their end instead; when that would be within the last hour, it is
 *   dropped, as the 1-hour reminder follows anyway. A session confirmed less
 *   than 23 hours ahead gets none: the confirmation was the reminder.
 * - The 1-hour reminder is never deferred, and is marked `urgent` so the
 *   dispatcher's quiet hours let it through.
 *
 * `reminded_*_at` marks a session done per reminder; dedupe keys carry the
 * calendar sequence, so a rescheduled session is reminded again at its new time.
 */
export async function sendSessionReminders(deps: CoreDeps, actor: Actor, input: { communityId: number }): Promise<Outcome<{ dayBefore: number; hourBefore: number }>> {
  const denied = authorize(actor, 'sessions.remind');
  if (denied) return denied;
  const now = deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const counts = { dayBefore: 0, hourBefore: 0 };

  await deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('mentoring_sessions as s')
      .innerJoin('mentorships as m', 'm.id', 's.mentorship_id')
      .select([
        's.id', 's.mentorship_id', 's.proposed_by', 's.status', 's.kind', 's.starts_at', 's.duration_minutes', 's.agenda', 's.location', 's.notes_encrypted',
        's.calendar_sequence', 's.change_reason', 's.reminded_day_before_at', 's.reminded_hour_before_at', 'm.mentor_id', 'm.mentee_id',
      ])
      .where('m.community_id', '=', community.id)
      .where('m.status', 'in', ['ACCEPTED', 'PAUSED'])
      .where('s.status', '=', 'CONFIRMED')
      .where('s.starts_at', '>', now)
      .where((eb) =>
        eb.or([
          eb.and([eb('s.reminded_day_before_at', 'is', null), eb('s.starts_at', '<=', new Date(now.getTime() + reminders['24h'] + reminderLookaheadMs))]),
          eb.and([eb('s.reminded_hour_before_at', 'is', null), eb('s.starts_at', '<=', new Date(now.getTime() + reminders['1h'] + reminderLookaheadMs))]),
        ]),
      )
      .orderBy('s.starts_at')
      .forUpdate('s')
      .skipLocked()
      .execute();

    for (const row of due) {
      const session = toSession(row);
      const start = session.startsAt.getTime();
      const members = await Promise.all([row.mentor_id, row.mentee_id].map((id) => (id === null ? null : findMember(trx, community.id, id))));
      const [mentor, mentee] = members;
      const recipients = [{ to: mentor, other: mentee }, { to: mentee, other: mentor }].filter(
        (entry): entry is { to: MemberRecord; other: MemberRecord | null } => !!entry.to && !entry.to.erasedAt && entry.to.notificationPreferences.channels.reminders !== 'off',
      );
      const send = async (before: '24h' | '1h', to: MemberRecord, other: MemberRecord | null, dueAt: Date) =>
        enqueue(trx, {
          communityId: community.id,
          kind: 'dm',
          payload: { recipientMemberId: to.id, message: sessionNotices.reminder(session, other, before), timely: true, ...(before === '1h' ? { urgent: true as const } : {}) },
          dedupeKey: `session:${session.id}:reminder:${before}:${session.calendarSequence}:${to.id}`,
          dueAt,
        });

      if (session.remindedDayBeforeAt === null && start - reminders['24h'] <= now.getTime() + reminderLookaheadMs) {
        const dueAt = start - reminders['24h'];
        // Confirmed too late for a "tomorrow" notice: the confirmation itself said when.
        if (now.getTime() - dueAt <= hour) {
          for (const { to, other } of recipients) {
            const deferred = afterQuietHours(new Date(Math.max(dueAt, now.getTime())), quietHoursOf(to, community.settings.defaultQuietHours), zoneOf(to, community));
            if (deferred.getTime() < start - reminders['1h'] && (await send('24h', to, other, deferred))) counts.dayBefore++;
          }
        }
        await trx.updateTable('mentoring_sessions').set({ reminded_day_before_at: now }).where('id', '=', session.id).execute();
      }
      if (session.remindedHourBeforeAt === null && start - reminders['1h'] <= now.getTime() + reminderLookaheadMs) {
        const dueAt = new Date(Math.max(start - reminders['1h'], now.getTime()));
        for (const { to, other } of recipients) if (await send('1h', to, other, dueAt)) counts.hourBefore++;
        await trx.updateTable('mentoring_sessions').set({ reminded_hour_before_at: now }).where('id', '=', session.id).execute();
      }
    }
  });
  return ok(counts);
}
