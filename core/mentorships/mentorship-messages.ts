import { instantAt } from '../jobs/zoned-time.js';
import { interactionId } from '../interaction-ids.js';
import type { MemberRecord } from '../members/member.js';
import { truncate, type ButtonAction, type Message, type RichText, type TextSegment } from '../reply.js';
import type { DateOnly } from '../store/database.js';
import type { MentorshipRecord } from './mentorship.js';

/**
 * The texts the mentorship feature sends: DMs about requests, and what is
 * posted in a pair's private space. Neutral replies only; each adapter renders
 * them. A member purged meanwhile shows as "a former member".
 */

export interface Pair {
  readonly mentor: MemberRecord | null;
  readonly mentee: MemberRecord | null;
}

/** A mention, or a neutral name for a member who is gone. */
export function who(member: MemberRecord | null): TextSegment {
  return member && !member.erasedAt ? { mention: member.platformUserId } : 'a former member';
}

/** A calendar date shown in the reader's locale: noon in the community's zone is the same date everywhere people live. */
export function dateSegment(date: DateOnly, timezone: string): TextSegment {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { time: instantAt({ year, month, day, hour: 12, minute: 0 }, timezone), style: 'date' };
}

function topic(mentorship: MentorshipRecord): string {
  return truncate(mentorship.description, 80);
}

const button = (customId: string, label: string, style: ButtonAction['style']): ButtonAction => ({ type: 'button', customId, label, style });

function dm(title: string, body: RichText, extra: Partial<Pick<Message, 'fields' | 'actions'>> = {}): Message {
  return { kind: 'message', visibility: 'private', title, body, ...extra };
}

function inSpace(title: string, body: RichText, extra: Partial<Pick<Message, 'fields' | 'actions'>> = {}): Message {
  return { kind: 'message', visibility: 'pair', title, body, ...extra };
}

/** The receiver's DM: the request as a contract, with Accept, Reject and "Ask for more detail". */
export function requestReceived(mentorship: MentorshipRecord, pair: Pair, sender: MemberRecord, timezone: string): Message {
  const senderMentors = mentorship.mentorId === sender.id;
  return dm('Mentorship request', [{ mention: sender.platformUserId }, senderMentors ? ' offers to mentor you.' : ' would like you to mentor them.'], {
    fields: [
      { name: 'What for', value: [mentorship.description] },
      { name: 'Mentor', value: [who(pair.mentor)], inline: true },
      { name: 'Mentee', value: [who(pair.mentee)], inline: true },
      { name: 'Until', value: [dateSegment(mentorship.endDate, timezone)], inline: true },
      ...(mentorship.expiresAt ? [{ name: 'Answer before', value: [{ time: mentorship.expiresAt, style: 'relative' as const }], inline: true }] : []),
    ],
    actions: [
      button(interactionId('request', 'accept', mentorship.id), 'Accept', 'success'),
      button(interactionId('request', 'reject', mentorship.id), 'Reject', 'danger'),
      button(interactionId('request', 'ask-detail', mentorship.id), 'Ask for more detail', 'secondary'),
    ],
  });
}

/** The agreement, first message of the pair's space. */
export function agreement(mentorship: MentorshipRecord, pair: Pair, timezone: string): Message {
  return inSpace('Your mentorship agreement', [who(pair.mentor), ' mentors ', who(pair.mentee), '. Welcome to your private space: only the two of you (and the bot) can read it.'], {
    fields: [
      { name: 'What for', value: [mentorship.description] },
      { name: 'Until', value: [dateSegment(mentorship.endDate, timezone)] },
    ],
    actions: [button(interactionId('session', 'schedule', mentorship.id), 'Schedule your first session', 'primary')],
  });
}

/** "Give feedback": the final review of an ended relation, offered wherever its end is announced. */
export function feedbackButton(mentorship: Pick<MentorshipRecord, 'id'>): ButtonAction {
  return button(interactionId('feedback', 'final', mentorship.id), 'Give feedback', 'primary');
}

const askForFeedback = ' How did it go? Your feedback helps the program.';

/** The closing message of a relation, asking both for feedback before the space is archived. */
export function closing(mentorship: MentorshipRecord, why: RichText): Message {
  return inSpace('This mentorship has ended', [...why, ' This space will be archived: you can still read it.', askForFeedback], { actions: [feedbackButton(mentorship)] });
}

export function spacePost(title: string, body: RichText): Message {
  return inSpace(title, body);
}

export const notices = {
  accepted: (mentorship: MentorshipRecord, receiver: MemberRecord | null) =>
    dm('Request accepted', [who(receiver), ` accepted your mentorship request "${topic(mentorship)}". Your private space is being set up.`]),
  awaitingApproval: (mentorship: MentorshipRecord, receiver: MemberRecord | null) =>
    dm('Request accepted', [who(receiver), ` accepted your mentorship request "${topic(mentorship)}". An admin approves new mentorships in this community; you will hear back.`]),
  approved: (mentorship: MentorshipRecord) => dm('Mentorship approved', [`An admin approved the mentorship "${topic(mentorship)}". Your private space is being set up.`]),
  declined: (mentorship: MentorshipRecord, reason: string | null) =>
    dm('Mentorship not approved', [`An admin did not approve the mentorship "${topic(mentorship)}".`, ...(reason ? [` Reason: ${reason}`] : [])]),
  rejected: (mentorship: MentorshipRecord, receiver: MemberRecord | null, reason: string | null) =>
    dm('Request declined', [who(receiver), ` declined your mentorship request "${topic(mentorship)}".`, ...(reason ? [` They said: ${reason}`] : [])], {
      actions: [button(interactionId('suggestions', 'next', mentorship.id), 'See other suggestions', 'primary')],
    }),
  withdrawn: (mentorship: MentorshipRecord, sender: MemberRecord | null) => dm('Request withdrawn', [who(sender), ` withdrew the mentorship request "${topic(mentorship)}".`]),
  retracted: (mentorship: MentorshipRecord) =>
    dm('Request withdrawn', [`The mentorship request "${topic(mentorship)}" was withdrawn: the other member is not available at the moment.`]),
  // Every notice that a relation ended carries "Give feedback": the space that also asks is archived at once.
  cancelled: (mentorship: MentorshipRecord, by: MemberRecord | null, reason: string | null) =>
    dm('Mentorship ended', [who(by), ` ended your mentorship "${topic(mentorship)}".`, ...(reason ? [` Reason: ${reason}`] : []), askForFeedback], {
      actions: [feedbackButton(mentorship)],
    }),
  cancelledByAdmin: (mentorship: MentorshipRecord) =>
    dm('Mentorship ended', [`An admin of the program ended your mentorship "${topic(mentorship)}". Contact an admin if you have questions.`, askForFeedback], {
      actions: [feedbackButton(mentorship)],
    }),
  completed: (mentorship: MentorshipRecord, other: MemberRecord | null) =>
    dm('Mentorship completed', [
      'Your mentorship with ', who(other), ` "${topic(mentorship)}" reached its end date and is now complete. Thank you for the time and care you put into it!`,
      ' Your space is archived; you can still read it.', askForFeedback,
    ], { actions: [feedbackButton(mentorship)] }),
  completedByAdmin: (mentorship: MentorshipRecord) =>
    dm('Mentorship completed', [
      `An admin of the program marked your mentorship "${topic(mentorship)}" as completed. Thank you for the work you did together!`,
      ' Your space is archived; you can still read it.', askForFeedback,
    ], { actions: [feedbackButton(mentorship)] }),
  expired: (mentorship: MentorshipRecord, receiver: MemberRecord | null) =>
    dm('Request expired', [who(receiver), ` did not answer your mentorship request "${topic(mentorship)}" in time, so it expired. Here is who else could be a good match.`], {
      actions: [button(interactionId('suggestions', 'next', mentorship.id), 'See the next suggestion', 'primary')],
    }),
  expiryNudge: (mentorship: MentorshipRecord, sender: MemberRecord | null) =>
    dm('A request is waiting for you', [who(sender), ` is waiting for your answer to "${topic(mentorship)}". It expires `, ...(mentorship.expiresAt ? [{ time: mentorship.expiresAt, style: 'relative' as const }] : ['soon']), '.'], {
      actions: [
        button(interactionId('request', 'accept', mentorship.id), 'Accept', 'success'),
        button(interactionId('request', 'reject', mentorship.id), 'Reject', 'danger'),
      ],
    }),
  askForDetail: (mentorship: MentorshipRecord, receiver: MemberRecord, question: string) =>
    dm('More detail, please', [{ mention: receiver.platformUserId }, ` would like to know more about your request "${topic(mentorship)}" before answering: ${question}`, ' Reply to them directly; the request stays open.'], {
      actions: [button(interactionId('request', 'withdraw', mentorship.id), 'Withdraw the request', 'secondary')],
    }),
  extensionProposed: (mentorship: MentorshipRecord, proposer: MemberRecord, endDate: DateOnly, timezone: string) =>
    dm('Extend the mentorship?', [{ mention: proposer.platformUserId }, ` proposes to continue "${topic(mentorship)}" until `, dateSegment(endDate, timezone), '.'], {
      actions: [button(interactionId('mentorship', 'extend', mentorship.id, endDate), 'Agree', 'success')],
    }),
};
