import type { CommunityProfile } from '../communities/community.repository.js';
import type { MemberRecord } from '../members/member.js';
import type { OutboxEntry } from '../outbox/enqueue.js';
import type { Message } from '../reply.js';
import type { MentorshipStatus } from '../store/database.js';
import { otherParty, type MentorshipRecord } from './mentorship.js';
import { agreement, closing, dateSegment, notices, spacePost, who, type Pair } from './mentorship-messages.js';
import { spaceCreateKey } from './mentorship-space.js';
import type { MentorshipAction } from './transition-table.js';
import type { DepartureNotice, TransitionActor } from './transitions.js';

export interface EffectContext {
  readonly community: CommunityProfile;
  /** The mentorship after the change. */
  readonly mentorship: MentorshipRecord;
  readonly action: MentorshipAction;
  readonly from: MentorshipStatus;
  readonly to: MentorshipStatus;
  readonly actor: TransitionActor;
  readonly reason: string | null;
  readonly eventId: number;
  readonly pair: Pair;
  /**
   * Replaces the default DMs of the transition with this one: erasure,
   * suspension and leaving word their own notice to the side that stays, and
   * keep their own dedupe keys. The space's closing post then stays neutral.
   */
  readonly notice?: DepartureNotice;
}

/**
 * What one transition queues in the outbox. Dedupe keys name the mentorship
 * and the event (`mentorship:${id}:${eventId}:...`), so a relation cancelled,
 * reactivated and cancelled again is archived twice, while the same transition
 * can never queue twice. The space is created once per mentorship
 * (`mentorship:${id}:space.create`); a reactivation reopens it.
 */
export function transitionEffects(context: EffectContext): OutboxEntry[] {
  const { community, mentorship, pair, eventId } = context;
  const communityId = community.id;
  const key = (what: string) => `mentorship:${mentorship.id}:${eventId}:${what}`;
  const member = (id: number | null) => (id === null ? null : id === pair.mentor?.id ? pair.mentor : id === pair.mentee?.id ? pair.mentee : null);
  const sender = member(mentorship.senderId);
  const receiver = member(mentorship.receiverId);
  const actorMember = context.actor.kind === 'system' ? null : member(context.actor.memberId);
  const effects: OutboxEntry[] = [];
  const dm = (recipient: MemberRecord | null, message: Message, options: { timely?: boolean } = {}) => {
    if (recipient && !recipient.erasedAt && !context.notice) {
      const payload = { recipientMemberId: recipient.id, message, ...(options.timely ? { timely: true as const, mentorshipId: mentorship.id } : {}) };
      effects.push({ communityId, kind: 'dm', payload, dedupeKey: key(`dm:${recipient.id}`) });
    }
  };
  const post = (message: Message, what = 'space.post') => effects.push({ communityId, kind: 'space.post', payload: { mentorshipId: mentorship.id, message }, dedupeKey: key(what) });
  const createSpace = () => {
    if (mentorship.mentorId === null || mentorship.menteeId === null) return;
    effects.push({
      communityId,
      kind: 'space.create',
      payload: {
        mentorshipId: mentorship.id,
        mentorMemberId: mentorship.mentorId,
        menteeMemberId: mentorship.menteeId,
        name: spaceName(mentorship, pair),
        parentChannelId: community.settings.mentorshipChannelId,
        agreement: agreement(mentorship, pair, community.timezone),
      },
      dedupeKey: spaceCreateKey(mentorship.id),
    });
  };
  const closeSpace = (message: Message) => {
    post(message, 'space.closing');
    effects.push({ communityId, kind: 'space.archive', payload: { mentorshipId: mentorship.id }, dedupeKey: key('space.archive') });
  };

  if (context.notice) {
    const { to, message, dedupeKey } = context.notice;
    if (!member(to)?.erasedAt) effects.push({ communityId, kind: 'dm', payload: { recipientMemberId: to, message }, dedupeKey });
  }
  switch (context.action) {
    case 'accept':
      if (context.to === 'AWAITING_APPROVAL') {
        dm(sender, notices.awaitingApproval(mentorship, receiver));
      } else {
        dm(sender, notices.accepted(mentorship, receiver));
        createSpace();
      }
      break;
    case 'approve':
      dm(sender, notices.approved(mentorship));
      dm(receiver, notices.approved(mentorship));
      createSpace();
      break;
    case 'decline':
      dm(sender, notices.declined(mentorship, context.reason));
      dm(receiver, notices.declined(mentorship, context.reason));
      break;
    case 'reject':
      dm(sender, notices.rejected(mentorship, receiver, context.reason));
      break;
    case 'withdraw':
      dm(receiver, notices.withdrawn(mentorship, sender));
      break;
    case 'retract':
      // Without a departure notice (which replaces these), both sides but the one acting are told.
      for (const recipient of [sender, receiver]) if (recipient && recipient.id !== actorMember?.id) dm(recipient, notices.retracted(mentorship));
      break;
    case 'cancel':
      // An admin ending a relation (on a report) tells both sides, without the admin's reason: it may point to whoever reported.
      if (context.actor.kind === 'admin') for (const side of [pair.mentor, pair.mentee]) dm(side, notices.cancelledByAdmin(mentorship));
      else dm(actorMember ? member(otherParty(mentorship, actorMember.id)) : null, notices.cancelled(mentorship, actorMember, context.reason));
      closeSpace(closing(mentorship, context.notice || context.actor.kind === 'admin' ? ['This mentorship has ended.'] : [who(actorMember), ' ended this mentorship.']));
      break;
    case 'complete':
      // An admin closing it before the end date tells both sides, as when an admin ends one early.
      if (context.actor.kind === 'admin') {
        for (const side of [pair.mentor, pair.mentee]) dm(side, notices.completedByAdmin(mentorship));
        closeSpace(closing(mentorship, ['An admin marked this mentorship as completed. Congratulations on the work you did together!']));
      } else {
        // The closing post's feedback button is archived with the space at once, so each side also gets it by DM,
        // while the end is fresh: timely, so it skips a digest (quiet hours still apply).
        dm(pair.mentor, notices.completed(mentorship, pair.mentee), { timely: true });
        dm(pair.mentee, notices.completed(mentorship, pair.mentor), { timely: true });
        closeSpace(closing(mentorship, ['This mentorship reached its end date. Congratulations on the work you did together!']));
      }
      break;
    case 'expire':
      dm(sender, notices.expired(mentorship, receiver));
      break;
    case 'pause':
      post(spacePost('Mentorship paused', [who(actorMember), ' paused this mentorship until ', dateSegment(mentorship.pausedUntil ?? mentorship.endDate, community.timezone), '. The bot will not nudge you meanwhile.']));
      break;
    case 'resume':
      post(spacePost('Mentorship resumed', actorMember ? [who(actorMember), ' resumed this mentorship. Welcome back!'] : ['The pause is over: this mentorship is running again. Welcome back!']));
      break;
    case 'extend':
      post(spacePost('Mentorship extended', context.actor.kind === 'admin'
        ? ['An admin extended this mentorship: it now runs until ', dateSegment(mentorship.endDate, community.timezone), '.']
        : ['You both agreed to continue until ', dateSegment(mentorship.endDate, community.timezone), '.']));
      break;
    case 'reactivate':
      effects.push({ communityId, kind: 'space.reopen', payload: { mentorshipId: mentorship.id }, dedupeKey: key('space.reopen') });
      post(spacePost('Mentorship reactivated', ['An admin reactivated this mentorship. It now runs until ', dateSegment(mentorship.endDate, community.timezone), '.']));
      break;
  }
  return effects;
}

/** "mentorship-ada-grace": lowercase, dashes, within both platforms' channel name limits (Slack: 80). */
function spaceName(mentorship: MentorshipRecord, pair: Pair): string {
  const slug = (member: MemberRecord | null) =>
    (member?.displayName ?? 'member').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'member';
  return `mentorship-${slug(pair.mentor)}-${slug(pair.mentee)}-${mentorship.id}`.slice(0, 80);
}
