import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message, type MessageField, type RichText } from '../reply.js';
import type { DateOnly, MentorshipStatus } from '../store/database.js';
import { daysBetween, localToday } from './calendar.js';
import { closedStatuses, openRequestStatuses, otherParty, runningMentorshipStatuses, type MentorshipRecord } from './mentorship.js';
import { dateSegment } from './mentorship-messages.js';
import { listMemberMentorshipsIn } from './mentorship.repository.js';

export interface OtherMember {
  readonly memberId: number;
  readonly displayName: string;
  readonly platformUserId: string;
}

export interface MentorshipSummary {
  readonly mentorshipId: number;
  readonly status: MentorshipStatus;
  /** The viewer's role in it. */
  readonly role: 'MENTOR' | 'MENTEE';
  /** Null when the other member was purged or erased. */
  readonly other: OtherMember | null;
  readonly description: string;
  readonly endDate: DateOnly;
  /** Days until the end date, in the community's timezone (0 on the last day). */
  readonly daysLeft: number;
  readonly pausedUntil: DateOnly | null;
  readonly goals: { readonly done: number; readonly total: number };
  readonly nextSession: Date | null;
  readonly endedAt: Date | null;
  /** When a request waiting for an answer expires. */
  readonly expiresAt: Date | null;
  readonly sentByMe: boolean;
}

export interface MemberMentorships {
  /** Requests waiting for the viewer's answer, and the viewer's own waiting for others (or an admin). */
  readonly requests: { readonly incoming: MentorshipSummary[]; readonly outgoing: MentorshipSummary[] };
  readonly current: MentorshipSummary[];
  readonly past: MentorshipSummary[];
  readonly reply: Message;
}

/**
 * A member's view of their mentorships: requests, current relations (status,
 * days left, goals done of all, next session) and past ones, newest first.
 */
export async function listMemberMentorships(deps: CoreDeps, actor: Actor): Promise<Outcome<MemberMentorships>> {
  const auth = authorizeMember(actor, 'mentorship.list-own');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const now = deps.clock.now();
  const community = await requireCommunity(deps.db, communityId);
  const today = localToday(now, community.timezone);
  const all = await listMemberMentorshipsIn(deps.db, communityId, memberId, [...openRequestStatuses, ...runningMentorshipStatuses, ...closedStatuses]);
  const ids = all.map((mentorship) => mentorship.id);
  const otherIds = [...new Set(all.map((mentorship) => otherParty(mentorship, memberId)).filter((id): id is number => id !== null))];

  const [others, goals, sessions] = ids.length === 0 ? [[], [], []] : await Promise.all([
    otherIds.length === 0 ? [] : deps.db.selectFrom('members').select(['id', 'display_name', 'platform_user_id', 'erased_at']).where('id', 'in', otherIds).execute(),
    deps.db
      .selectFrom('goals')
      .select((eb) => ['mentorship_id', eb.fn.countAll<string>().as('total'), eb.fn.countAll<string>().filterWhere('status', '=', 'DONE').as('done')])
      .where('mentorship_id', 'in', ids)
      .where('status', '!=', 'DROPPED')
      .groupBy('mentorship_id')
      .execute(),
    deps.db
      .selectFrom('mentoring_sessions')
      .select((eb) => ['mentorship_id', eb.fn.min('starts_at').as('next')])
      .where('mentorship_id', 'in', ids)
      .where('status', 'in', ['PROPOSED', 'CONFIRMED'])
      .where('starts_at', '>', now)
      .groupBy('mentorship_id')
      .execute(),
  ]);
  const otherById = new Map(others.filter((row) => row.erased_at === null).map((row) => [row.id, { memberId: row.id, displayName: row.display_name, platformUserId: row.platform_user_id }]));
  const goalsById = new Map(goals.map((row) => [row.mentorship_id, { done: Number(row.done), total: Number(row.total) }]));
  const nextById = new Map(sessions.map((row) => [row.mentorship_id, row.next as Date | null]));

  const summarize = (mentorship: MentorshipRecord): MentorshipSummary => {
    const otherId = otherParty(mentorship, memberId);
    return {
      mentorshipId: mentorship.id,
      status: mentorship.status,
      role: mentorship.mentorId === memberId ? 'MENTOR' : 'MENTEE',
      other: otherId === null ? null : (otherById.get(otherId) ?? null),
      description: mentorship.description,
      endDate: mentorship.endDate,
      daysLeft: Math.max(0, daysBetween(today, mentorship.endDate)),
      pausedUntil: mentorship.pausedUntil,
      goals: goalsById.get(mentorship.id) ?? { done: 0, total: 0 },
      nextSession: nextById.get(mentorship.id) ?? null,
      endedAt: mentorship.endedAt,
      expiresAt: mentorship.status === 'PENDING' ? mentorship.expiresAt : null,
      sentByMe: mentorship.senderId === memberId,
    };
  };
  const summaries = all.map(summarize).reverse();
  const inStatuses = (statuses: readonly MentorshipStatus[]) => summaries.filter((summary) => statuses.includes(summary.status));
  const requests = inStatuses(openRequestStatuses);
  const view = {
    requests: { incoming: requests.filter((request) => !request.sentByMe && request.status === 'PENDING'), outgoing: requests.filter((request) => request.sentByMe || request.status !== 'PENDING') },
    current: inStatuses(runningMentorshipStatuses),
    past: inStatuses(closedStatuses),
  };
  return ok({ ...view, reply: mentorshipsReply(view, community.timezone) });
}

const statusLabels: Record<MentorshipStatus, string> = {
  PENDING: 'waiting for an answer', AWAITING_APPROVAL: 'waiting for an admin', ACCEPTED: 'running', PAUSED: 'paused', REJECTED: 'declined',
  WITHDRAWN: 'withdrawn', EXPIRED: 'expired', CANCELLED: 'ended early', COMPLETED: 'completed',
};

function mentorshipsReply(view: Omit<MemberMentorships, 'reply'>, timezone: string): Message {
  const withWhom = (summary: MentorshipSummary): RichText => [summary.role === 'MENTOR' ? 'Mentoring ' : 'Mentored by ', summary.other ? { mention: summary.other.platformUserId } : 'a former member'];
  const current: MessageField[] = view.current.map((summary) => ({
    name: truncate(summary.description, 100),
    value: [
      ...withWhom(summary),
      ` · ${statusLabels[summary.status]}`,
      ...(summary.pausedUntil ? [' until ', dateSegment(summary.pausedUntil, timezone)] : []),
      ` · ${summary.daysLeft} days left · goals ${summary.goals.done}/${summary.goals.total}`,
      ...(summary.nextSession ? [' · next session ', { time: summary.nextSession, style: 'full' as const }] : []),
    ],
  }));
  const requestCount = view.requests.incoming.length + view.requests.outgoing.length;
  const past = view.past.slice(0, 10).map((summary) => ({ name: truncate(summary.description, 100), value: [...withWhom(summary), ` · ${statusLabels[summary.status]}`] }));
  const body: RichText =
    current.length + past.length + requestCount === 0
      ? ['You have no mentorships yet. Find a mentor or mentee with the find command.']
      : [`${view.current.length} current, ${view.past.length} past; ${view.requests.incoming.length} requests waiting for your answer, ${view.requests.outgoing.length} of yours waiting.`];
  return privateMessage(body, { title: 'Your mentorships', fields: [...current, ...past].slice(0, 25) });
}
