import { sql } from 'kysely';
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
import { reminderDedupeKey, toSession } from './session.repository.js';
import { sessionNotices } from './session-messages.js';

const hour = 3_600_000;
/** How far ahead each run looks: the job's interval, so a reminder is queued before it is due and the outbox sends it on the minute. */
export const reminderLookaheadMs = 5 * 60_000;

/** One of the community's reminder times (`reminders.sessionHoursBefore`). */
export interface SessionReminderTime {
  readonly hours: number;
  /**
   * An hour ahead: the last call. It goes through quiet hours (`urgent`), is
   * never deferred, and is still sent when late, until the session starts.
   */
  readonly urgent: boolean;
  /** The next reminder's hours ahead, 0 after the last: a deferred reminder must arrive before it. */
  readonly nextHours: number;
}

/** The reminder times, earliest first. */
export function sessionReminderTimes(hoursBefore: readonly number[]): SessionReminderTime[] {
  const hours = [...new Set(hoursBefore)].sort((a, b) => b - a);
  return hours.map((each, index) => ({ hours: each, urgent: each <= 1, nextHours: hours[index + 1] ?? 0 }));
}

/**
 * How late a reminder that is not urgent may still go out, after a missed
 * run or for a session confirmed after its time: an hour, or half the way to
 * the next reminder when that is sooner. Later than that, the confirmation
 * itself said when (no "tomorrow" ten minutes before), and the next reminder
 * follows anyway.
 */
export function lateAllowanceMs(time: SessionReminderTime): number {
  return Math.min(hour, ((time.hours - time.nextHours) * hour) / 2);
}

/**
 * Queues the reminders of confirmed sessions to both members at the
 * community's times (`reminders.sessionHoursBefore`, by default 24 h and 1 h
 * before), each due at exactly start − N hours of real time (across DST
 * changes too: UTC arithmetic), unless the member turned reminders off.
 *
 * - A reminder more than an hour ahead respects quiet hours: due inside the
 *   member's quiet hours (their own, else the community's, read on their
 *   clock), it is due at their end instead, and dropped when that would reach
 *   the next reminder (or the start, after the last). It is sent at most
 *   `lateAllowanceMs` after its time, so a session confirmed well after a
 *   reminder's time skips that reminder.
 * - The 1-hour reminder is never deferred, and is marked `urgent` so the
 *   dispatcher's quiet hours let it through.
 *
 * Exactly once: the dedupe key names the hours and the calendar sequence, so
 * a reminder is never queued twice, and a rescheduled session is reminded
 * again at its new time. The session's two marks say what is done: the
 * 1-hour reminder, and a watermark for the others (each due by then was
 * handled). When an owner changes the times, what was delivered stays
 * delivered, a reminder still waiting in the outbox for a time taken away is
 * withdrawn (`updateSettings`), and a new time is sent when its moment comes
 * after the last run (one whose moment had passed is not sent late).
 */
export async function sendSessionReminders(deps: CoreDeps, actor: Actor, input: { communityId: number }): Promise<Outcome<{ queued: number }>> {
  const denied = authorize(actor, 'sessions.remind');
  if (denied) return denied;
  const now = deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const times = sessionReminderTimes(community.settings.reminders.sessionHoursBefore);
  const horizon = now.getTime() + reminderLookaheadMs;
  let queued = 0;

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
        eb.or(times.map(({ hours, urgent }) =>
          eb.and([
            eb('s.starts_at', '<=', new Date(horizon + hours * hour)),
            urgent
              ? eb('s.reminded_hour_before_at', 'is', null)
              : eb.or([eb('s.reminded_day_before_at', 'is', null), eb('s.reminded_day_before_at', '<', sql<Date>`s.starts_at - make_interval(hours => ${hours})`)]),
          ]))),
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
      const send = async (time: SessionReminderTime, to: MemberRecord, other: MemberRecord | null, dueAt: Date) =>
        enqueue(trx, {
          communityId: community.id,
          kind: 'dm',
          payload: { recipientMemberId: to.id, message: sessionNotices.reminder(session, other, time.hours), timely: true, mentorshipId: session.mentorshipId, ...(time.urgent ? { urgent: true as const } : {}) },
          dedupeKey: reminderDedupeKey({ sessionId: session.id, hoursBefore: time.hours, calendarSequence: session.calendarSequence, memberId: to.id }),
          dueAt,
        });

      let handledAdvance = false;
      let handledHour = false;
      for (const time of times) {
        const dueAt = start - time.hours * hour;
        if (dueAt > horizon) continue;
        if (time.urgent) {
          if (session.hourReminderHandledAt !== null) continue;
          handledHour = true;
          for (const { to, other } of recipients) if (await send(time, to, other, new Date(Math.max(dueAt, now.getTime())))) queued++;
          continue;
        }
        // Handled by an earlier run. One queued a few minutes ahead comes round again, and its dedupe key keeps it single.
        const watermark = session.advanceRemindersHandledAt;
        if (watermark !== null && watermark.getTime() >= dueAt) continue;
        handledAdvance = true;
        if (now.getTime() - dueAt > lateAllowanceMs(time)) continue;
        for (const { to, other } of recipients) {
          const deferred = afterQuietHours(new Date(Math.max(dueAt, now.getTime())), quietHoursOf(to, community.settings.defaultQuietHours), zoneOf(to, community));
          if (deferred.getTime() < start - time.nextHours * hour && (await send(time, to, other, deferred))) queued++;
        }
      }
      if (handledAdvance || handledHour) {
        await trx
          .updateTable('mentoring_sessions')
          .set({ ...(handledAdvance ? { reminded_day_before_at: now } : {}), ...(handledHour ? { reminded_hour_before_at: now } : {}) })
          .where('id', '=', session.id)
          .execute();
      }
    }
  });
  return ok({ queued });
}
