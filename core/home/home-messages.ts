import { commandCatalog } from '../commands/commands.js';
import { interactionId } from '../interaction-ids.js';
import type { MentorshipSummary, OtherMember } from '../mentorships/list-member-mentorships.js';
import { dateSegment } from '../mentorships/mentorship-messages.js';
import { privateMessage, truncate, type ButtonAction, type Message, type MessageField, type RichText, type TextSegment } from '../reply.js';
import { sessionKindLabels } from '../sessions/session.js';
import type { PendingFeedbackItem } from '../feedback/pending-feedback.js';
import type { ExtensionProposal, SessionToConfirm } from './pending-actions.js';

/**
 * The member-facing views of requests and relations, as neutral messages:
 * one message per thing to answer (its buttons beside it), and summaries of
 * the running mentorships and the requests sent. The ids are the ones the
 * DMs carry, so a button works the same from a DM, a command's answer or the
 * Slack App Home.
 */

const button = (customId: string, label: string, style: ButtonAction['style']): ButtonAction => ({ type: 'button', customId, label, style });

/** `/mentor find` as people type it, for hints. */
export const command = (path: string): string => `\`/${commandCatalog.name} ${path}\``;

function whoOf(other: OtherMember | null): TextSegment {
  return other ? { mention: other.platformUserId } : 'a former member';
}

function topic(description: string): string {
  return truncate(description, 80);
}

/** A request waiting for the member's answer, with Accept, Reject and "Ask for more detail" (as in its DM). */
export function incomingRequestMessage(request: MentorshipSummary, timezone: string): Message {
  const { expiresAt } = request;
  const senderMentors = request.role === 'MENTEE';
  return privateMessage([whoOf(request.other), senderMentors ? ' offers to mentor you.' : ' would like you to mentor them.'], {
    title: 'Mentorship request',
    fields: [
      { name: 'What for', value: [truncate(request.description, 1000)] },
      { name: 'Until', value: [dateSegment(request.endDate, timezone)], inline: true },
      ...(expiresAt ? [{ name: 'Answer before', value: [{ time: expiresAt, style: 'relative' as const }], inline: true }] : []),
    ],
    actions: [
      button(interactionId('request', 'accept', request.mentorshipId), 'Accept', 'success'),
      button(interactionId('request', 'reject', request.mentorshipId), 'Reject', 'danger'),
      button(interactionId('request', 'ask-detail', request.mentorshipId), 'Ask for more detail', 'secondary'),
    ],
  });
}

/**
 * The member's requests waiting on someone else: their own, not answered yet
 * (with a Withdraw button each), and those accepted but waiting for an admin.
 */
export function outgoingRequestsMessage(requests: readonly MentorshipSummary[], timezone: string): Message {
  const fields: MessageField[] = requests.slice(0, 25).map((request) => ({
    name: truncate(request.description, 100),
    value: [
      ...(request.status === 'PENDING'
        ? request.role === 'MENTEE' ? ['You asked ', whoOf(request.other), ' to mentor you'] : ['You offered to mentor ', whoOf(request.other)]
        : [request.role === 'MENTEE' ? 'Mentored by ' : 'Mentoring ', whoOf(request.other)]),
      ', until ',
      dateSegment(request.endDate, timezone),
      request.status === 'PENDING' ? ' · waiting for their answer' : ' · accepted, waiting for an admin to approve',
    ],
  }));
  const actions = requests
    .filter((request) => request.status === 'PENDING' && request.sentByMe)
    .slice(0, 25)
    .map((request) => button(interactionId('request', 'withdraw', request.mentorshipId), truncate(`Withdraw (${request.other?.displayName ?? 'a former member'})`, 80), 'secondary'));
  return privateMessage([`${requests.length} ${requests.length === 1 ? 'request is' : 'requests are'} waiting for someone else.`], { title: 'Waiting for others', fields, actions });
}

/** A session the other side proposed, with the answers its DM offers. */
export function sessionToConfirmMessage(session: SessionToConfirm): Message {
  return privateMessage([whoOf(session.other), ' proposed a session. Confirm it, or propose another time.'], {
    title: 'Session to confirm',
    fields: [
      { name: 'When', value: [{ time: session.startsAt, style: 'full' }, ' (', { time: session.startsAt, style: 'relative' }, ')'] },
      { name: 'Length', value: [`${session.durationMinutes} minutes`], inline: true },
      { name: 'Type', value: [sessionKindLabels[session.kind]], inline: true },
    ],
    actions: [
      button(interactionId('session', 'confirm', session.sessionId), 'Confirm', 'success'),
      button(interactionId('session', 'counter', session.sessionId), 'Propose another time', 'secondary'),
      button(interactionId('session', 'cancel', session.sessionId), 'Decline', 'danger'),
    ],
  });
}

/** A later end date the other side proposed, with Agree. */
export function extensionProposalMessage(proposal: ExtensionProposal, timezone: string): Message {
  return privateMessage([whoOf(proposal.other), ` proposes to continue "${topic(proposal.description)}" until `, dateSegment(proposal.proposedEndDate, timezone), ' instead of ', dateSegment(proposal.endDate, timezone), '.'], {
    title: 'Extend the mentorship?',
    actions: [button(interactionId('mentorship', 'extend', proposal.mentorshipId, proposal.proposedEndDate), 'Agree', 'success')],
  });
}

/** Feedback the member has not given yet (as `/mentor feedback` lists it), with the button that opens its form. */
export function feedbackOwedMessage(owed: PendingFeedbackItem): Message {
  const customId = owed.kind === 'final' ? interactionId('feedback', 'final', owed.mentorshipId) : interactionId('feedback', 'session', owed.sessionId);
  return privateMessage([owed.kind === 'final' ? 'Your mentorship has ended. How did it go? Your review helps the program.' : 'Your session took place. How was it? Your rating helps you both.'], {
    title: owed.kind === 'final' ? 'Feedback on your mentorship' : 'Rate your session',
    actions: [button(customId, owed.label, 'primary')],
  });
}

/** One line per running mentorship: with whom, status, days left, goals reached and the next session. */
export function currentMentorshipField(summary: MentorshipSummary, timezone: string): MessageField {
  const value: TextSegment[] = [
    summary.role === 'MENTOR' ? 'Mentoring ' : 'Mentored by ',
    whoOf(summary.other),
    ...(summary.status === 'PAUSED' ? [' · paused', ...(summary.pausedUntil ? [' until ', dateSegment(summary.pausedUntil, timezone)] : [])] : []),
    ` · ${summary.daysLeft} ${summary.daysLeft === 1 ? 'day' : 'days'} left · goals ${summary.goals.done}/${summary.goals.total} reached`,
    ...(summary.nextSession ? [' · next session ', { time: summary.nextSession, style: 'full' as const }] : [' · no session planned']),
  ];
  return { name: truncate(summary.description, 100), value };
}

/** How many things of each kind wait for the member's answer beyond those the home shows. */
export interface LeftOut {
  readonly requests: number;
  readonly sessions: number;
  readonly extensions: number;
  readonly feedback: number;
}

/** Where to find each kind of thing the home leaves out; proposed end dates are only in the DMs and the home. */
function whereTheRestIs(leftOut: LeftOut): string {
  const where = [
    ...(leftOut.requests > 0 ? [`${command('requests')} lists the requests`] : []),
    ...(leftOut.sessions > 0 ? [`${command('session list')} shows the sessions proposed to you`] : []),
    ...(leftOut.feedback > 0 ? [`${command('feedback')} asks for the feedback you owe`] : []),
  ];
  return where.length === 0 ? 'answer these and open your home again for the rest.' : `for the rest, ${where.join(', ')}; or answer these and open your home again.`;
}

/** "2 requests of yours are waiting for an answer, and 1 for an admin's approval." */
function outgoingLine(outgoing: readonly MentorshipSummary[]): string {
  const answer = outgoing.filter((request) => request.status === 'PENDING').length;
  const approval = outgoing.length - answer;
  const of = (count: number) => `${count} ${count === 1 ? 'request' : 'requests'} of yours ${count === 1 ? 'is' : 'are'} waiting for`;
  if (answer > 0 && approval > 0) return ` ${of(answer)} an answer, and ${approval} for an admin's approval.`;
  if (answer > 0) return ` ${of(answer)} an answer.`;
  return approval > 0 ? ` ${of(approval)} an admin's approval.` : '';
}

/** The head of the home: what waits, and the running mentorships. */
export function homeOverviewMessage(input: {
  programName: string;
  current: readonly MentorshipSummary[];
  waiting: number;
  shownWaiting: number;
  leftOut: LeftOut;
  /** The member's requests waiting for an answer or for an admin's approval. */
  outgoing: readonly MentorshipSummary[];
  timezone: string;
}): Message {
  const lines: RichText = [
    input.waiting === 0 ? 'Nothing waits for your answer right now.' : `${input.waiting} ${input.waiting === 1 ? 'thing waits' : 'things wait'} for your answer.`,
    ...(input.waiting > input.shownWaiting ? [` The first ${input.shownWaiting} are below; ${whereTheRestIs(input.leftOut)}`] : []),
    outgoingLine(input.outgoing),
    input.current.length === 0 ? ` You have no mentorship running. Find a mentor or mentee with ${command('find')}.` : '',
  ];
  return privateMessage(lines, {
    title: `${input.programName}: your home`,
    fields: input.current.slice(0, 25).map((summary) => currentMentorshipField(summary, input.timezone)),
  });
}

/**
 * `/mentor requests`: each request waiting for the member's answer with its
 * buttons (the first few; answering them shows the rest), then the member's
 * own requests with Withdraw. At most five messages, as a Slack response URL
 * takes five answers.
 */
export function requestsMessages(view: { incoming: readonly MentorshipSummary[]; outgoing: readonly MentorshipSummary[] }, timezone: string): Message[] {
  if (view.incoming.length === 0 && view.outgoing.length === 0) {
    return [privateMessage([`No requests are waiting, from you or for you. Find a mentor or mentee with ${command('find')}.`], { title: 'Requests' })];
  }
  const shown = view.incoming.slice(0, maxIncomingShown);
  return [
    ...shown.map((request) => incomingRequestMessage(request, timezone)),
    ...(view.incoming.length > shown.length
      ? [privateMessage([`${shown.length} of the ${view.incoming.length} requests waiting for you are shown above; answer them and run ${command('requests')} again for the rest.`])]
      : []),
    ...(view.outgoing.length > 0 ? [outgoingRequestsMessage(view.outgoing, timezone)] : []),
  ];
}

/** How many requests for the member `/mentor requests` shows at once. */
export const maxIncomingShown = 3;
