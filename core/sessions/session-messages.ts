import type { CommunityProfile } from '../communities/community.repository.js';
import { interactionId } from '../interaction-ids.js';
import type { MemberRecord } from '../members/member.js';
import { who } from '../mentorships/mentorship-messages.js';
import type { Attachment, ButtonAction, Message, MessageField, RichText } from '../reply.js';
import { calendarFile } from './calendar-file.js';
import { sessionEnd, sessionKindLabels, type SessionRecord } from './session.js';

/**
 * What the sessions feature says, as neutral messages: DMs with the buttons
 * to answer a proposal, the calendar file once a session is confirmed (and
 * its cancellation), and reminders. Times are time segments, so each reader
 * sees them in their own locale and timezone.
 */

const button = (customId: string, label: string, style: ButtonAction['style']): ButtonAction => ({ type: 'button', customId, label, style });

function dm(title: string, body: RichText, extra: Partial<Pick<Message, 'fields' | 'actions' | 'attachments'>> = {}): Message {
  return { kind: 'message', visibility: 'private', title, body, ...extra };
}

/** When, how long, what kind, agenda and place: the fields every session message shows. */
export function sessionFields(session: SessionRecord): MessageField[] {
  return [
    { name: 'When', value: [{ time: session.startsAt, style: 'full' }, ' (', { time: session.startsAt, style: 'relative' }, ')'] },
    { name: 'Length', value: [`${session.durationMinutes} minutes`], inline: true },
    { name: 'Type', value: [sessionKindLabels[session.kind]], inline: true },
    ...(session.location ? [{ name: 'Where', value: [session.location], inline: true }] : []),
    ...(session.agenda ? [{ name: 'Agenda', value: [session.agenda] }] : []),
  ];
}

const answerButtons = (session: SessionRecord): ButtonAction[] => [
  button(interactionId('session', 'confirm', session.id), 'Confirm', 'success'),
  button(interactionId('session', 'counter', session.id), 'Propose another time', 'secondary'),
  button(interactionId('session', 'cancel', session.id), 'Decline', 'danger'),
];

export const sessionNotices = {
  /** To the other side: a new proposal, a counter-proposal or a rescheduled session waits for their answer. */
  proposed: (session: SessionRecord, by: MemberRecord, change: 'new' | 'counter' | 'reschedule') =>
    dm(change === 'new' ? 'Session proposed' : change === 'counter' ? 'Another time proposed' : 'Session moved', [
      { mention: by.platformUserId },
      change === 'new' ? ' proposes a session. Confirm it, or propose another time.' : change === 'counter' ? ' proposes another time for your session.' : ' needs to move your session.',
      ...(change !== 'new' && session.changeReason ? [` They said: ${session.changeReason}`] : []),
      ...(change === 'reschedule' ? [' Your calendar entry is updated once you confirm the new time.'] : []),
    ], { fields: sessionFields(session), actions: answerButtons(session) }),
  /** `reminderHours`: the community's reminder times, so the notice says when reminders come. */
  confirmed: (session: SessionRecord, by: MemberRecord | null, file: Attachment, reminderHours: readonly number[]) =>
    dm('Session confirmed', [who(by), ` confirmed your session. Add it to your calendar with the attached file; reminders come ${reminderTimesText(reminderHours)} before.`], {
      fields: sessionFields(session),
      attachments: [file],
      actions: [button(interactionId('session', 'counter', session.id), 'Reschedule', 'secondary'), button(interactionId('session', 'cancel', session.id), 'Cancel', 'danger')],
    }),
  cancelled: (session: SessionRecord, by: MemberRecord | null, file: Attachment | null) =>
    dm('Session cancelled', [who(by), ' cancelled the session planned for ', { time: session.startsAt, style: 'full' }, '.', ...(session.changeReason ? [` Reason: ${session.changeReason}`] : []),
      ...(file ? [' The attached file removes it from your calendar.'] : [])], file ? { attachments: [file] } : {}),
  /**
   * `hoursBefore` names the reminder; the body's relative time stays true when
   * it arrives later (after quiet hours, or a session confirmed late). An hour
   * ahead is too late to offer rescheduling.
   */
  reminder: (session: SessionRecord, other: MemberRecord | null, hoursBefore: number) =>
    dm(hoursBefore === 24 ? 'Session tomorrow' : `Session in ${hoursText(hoursBefore)}`, ['Your session with ', who(other), ' starts ', { time: session.startsAt, style: 'relative' }, '.'], {
      fields: sessionFields(session),
      ...(hoursBefore > 1 ? { actions: [button(interactionId('session', 'counter', session.id), 'Reschedule', 'secondary')] } : {}),
    }),
};

/** '2 days', 'a day', '3 hours', 'an hour'. */
function hoursText(hours: number): string {
  if (hours === 1) return 'an hour';
  if (hours === 24) return 'a day';
  return hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

/** The reminder times in words, earliest first: [24, 1] is 'a day and an hour', [48, 24, 1] '2 days, a day and an hour'. */
export function reminderTimesText(hoursBefore: readonly number[]): string {
  const words = [...new Set(hoursBefore)].sort((a, b) => b - a).map(hoursText);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Where the UID's host comes from: the community, so ids of two communities never collide. */
function uidHost(community: Pick<CommunityProfile, 'platform' | 'externalId'>): string {
  const host = `${community.platform}-${community.externalId}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `${host}.mentorship-bot`;
}

/**
 * The session's calendar file: REQUEST while it stands, CANCEL once it is
 * cancelled. The UID never changes; SEQUENCE is the session's calendar sequence.
 */
export function sessionCalendarAttachment(
  session: SessionRecord,
  context: { community: Pick<CommunityProfile, 'platform' | 'externalId' | 'name'>; mentor: MemberRecord | null; mentee: MemberRecord | null; now: Date },
): Attachment {
  const name = (member: MemberRecord | null) => (member && !member.erasedAt ? member.displayName : 'a former member');
  const cancelled = session.status === 'CANCELLED';
  const description = [session.agenda, `Mentor: ${name(context.mentor)}`, `Mentee: ${name(context.mentee)}`, `${context.community.name} mentorship program`].filter(Boolean).join('\n');
  const content = calendarFile({
    uid: `session-${session.id}@${uidHost(context.community)}`,
    sequence: session.calendarSequence,
    method: cancelled ? 'CANCEL' : 'REQUEST',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    start: session.startsAt,
    end: sessionEnd(session),
    stamp: context.now,
    summary: `Mentoring session: ${sessionKindLabels[session.kind]} (${name(context.mentor)} and ${name(context.mentee)})`,
    description,
    location: session.location,
  });
  return { fileName: `session-${session.id}.ics`, contentType: 'text/calendar', content };
}
