import type { Actor } from '../access/actor.js';
import { authorize } from '../access/authorize.js';
import { requireCommunity } from '../communities/community.repository.js';
import { findPendingFeedback, type PendingFeedbackItem } from '../feedback/pending-feedback.js';
import type { MatchingDeps } from '../matching/matching-index-cache.js';
import type { ShownSuggestion } from '../matching/suggestion.reply.js';
import { listMemberMentorships, type MentorshipSummary } from '../mentorships/list-member-mentorships.js';
import { runningMentorshipStatuses } from '../mentorships/mentorship.js';
import { listMemberMentorshipsIn } from '../mentorships/mentorship.repository.js';
import { interactionId } from '../interaction-ids.js';
import { onboardingPrompt } from '../onboarding/onboarding-prompt.js';
import { loadSectionContext } from '../onboarding/section-context.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type Message } from '../reply.js';
import {
  extensionProposalMessage, feedbackOwedMessage, homeOverviewMessage, incomingRequestMessage, sessionToConfirmMessage, type LeftOut,
} from './home-messages.js';
import { suggestionsForMember } from './member-suggestions.js';
import { extensionProposals, sessionsToConfirm, type ExtensionProposal, type SessionToConfirm } from './pending-actions.js';

/**
 * Where the person stands: not a member yet (an invitation), part-way through
 * onboarding (the step to continue), waiting for an admin's approval, or a
 * member with a full home.
 */
export type HomeStage = 'invited' | 'onboarding' | 'awaiting-approval' | 'member';

/** What waits for the member's answer, oldest kind first. */
export interface PendingActions {
  /** Requests sent to the member, not answered yet. */
  readonly requests: readonly MentorshipSummary[];
  readonly sessions: readonly SessionToConfirm[];
  readonly extensions: readonly ExtensionProposal[];
  /** Sessions to rate and mentorships to review, from the last {@link feedbackWindowDays} days, newest first. */
  readonly feedback: readonly PendingFeedbackItem[];
}

export interface HomeView {
  readonly stage: HomeStage;
  readonly pending: PendingActions;
  /** Running mentorships (accepted or paused), with their next session and goals. */
  readonly current: readonly MentorshipSummary[];
  /** The member's own requests waiting for someone else. */
  readonly outgoing: readonly MentorshipSummary[];
  /** The top suggestions, stored as pending suggestions (their buttons act on them). */
  readonly suggestions: readonly ShownSuggestion[];
  /**
   * The home as neutral messages, in reading order: the overview, then one
   * message per thing to answer (the first {@link maxPendingShown}), then the
   * suggestions. Never more than five, so every surface can show them all (a
   * Slack response URL takes five answers).
   */
  readonly messages: readonly Message[];
}

/** How many things to answer the home shows as their own messages; the overview counts them all. */
export const maxPendingShown = 3;
/** How many suggestions the home shows. */
export const homeSuggestionCount = 3;
/** How long after a session or a mentorship's end the home still asks for feedback (`/mentor feedback` offers it later too). */
export const feedbackWindowDays = 30;

const noPending: PendingActions = { requests: [], sessions: [], extensions: [], feedback: [] };

/**
 * A person's home in the program, for `/mentor home` and Slack's App Home:
 * for someone who has not joined, an invitation with a Join button; during
 * onboarding, the step to continue; once onboarded, what waits for them
 * (requests with Accept / Reject / Ask for detail, sessions to confirm, end
 * dates to agree to, feedback owed), their running mentorships with the next
 * session and goals reached, and their top suggestions with Request / Not
 * buttons. Showing suggestions stores them (as `/mentor find` does), so their
 * buttons can act on them. Nothing else is written; viewing creates no member.
 */
export async function viewHome(deps: MatchingDeps, actor: Actor): Promise<Outcome<HomeView>> {
  const denied = authorize(actor, 'home.view');
  if (denied) return denied;
  if (actor.kind !== 'member') return fail('forbidden', 'Only members have a home in the program.');
  const community = await requireCommunity(deps.db, actor.communityId);
  const { programName } = community.settings;

  if (actor.memberId === null) {
    return ok(only('invited', [
      privateMessage([`${programName} pairs members who want to learn with members who can teach. Joining takes about three minutes.`], {
        title: `Welcome to ${programName}`,
        actions: [{ type: 'button', customId: interactionId('onboard', 'open', 'PROFILE'), label: 'Join the program', style: 'primary' }],
      }),
    ]));
  }
  const context = await loadSectionContext(deps.db, actor.communityId, actor.memberId);
  if (!context || context.member.onboardingStep !== 'DONE') {
    return ok(only('onboarding', context ? [onboardingPrompt(context, context.member.onboardingStep).message] : []));
  }
  if (actor.status !== 'ACTIVE') return ok(only('awaiting-approval', [onboardingPrompt(context, 'DONE').message]));

  const mentorships = await listMemberMentorships(deps, actor);
  if (!mentorships.ok) return mentorships;
  const { requests, current } = mentorships.value;
  const now = deps.clock.now();
  // The records behind the running summaries, for what summaries leave out: proposed end dates.
  const running = await listMemberMentorshipsIn(deps.db, actor.communityId, actor.memberId, runningMentorshipStatuses);
  const feedback = await findPendingFeedback(deps, actor, {});
  if (!feedback.ok) return feedback;
  const fresh = now.getTime() - feedbackWindowDays * 86_400_000;
  const pending: PendingActions = {
    requests: requests.incoming,
    sessions: await sessionsToConfirm(deps.db, actor.memberId, current, now),
    extensions: extensionProposals(actor.memberId, running, current),
    feedback: feedback.value.items.filter((item) => item.at.getTime() > fresh),
  };
  const timezone = community.timezone;
  const waiting: Message[] = [
    ...pending.requests.map((request) => incomingRequestMessage(request, timezone)),
    ...pending.sessions.map(sessionToConfirmMessage),
    ...pending.extensions.map((proposal) => extensionProposalMessage(proposal, timezone)),
    ...pending.feedback.map(feedbackOwedMessage),
  ];
  const shownWaiting = waiting.slice(0, maxPendingShown);

  const found = await suggestionsForMember(deps, actor, { limit: homeSuggestionCount });
  // A member who cannot be matched right now (no skills to look for, no free seat) hears why only when nothing else is going on.
  const suggestionsPart = found.ok ? [found.value.reply] : current.length === 0 && waiting.length === 0 ? [privateMessage([found.problem.message], { title: 'Suggestions' })] : [];

  const overview = homeOverviewMessage({
    programName, current, waiting: waiting.length, shownWaiting: shownWaiting.length, leftOut: leftOut(pending), outgoing: requests.outgoing, timezone,
  });
  return ok({
    stage: 'member',
    pending,
    current,
    outgoing: requests.outgoing,
    suggestions: found.ok ? found.value.suggestions : [],
    messages: [overview, ...shownWaiting, ...suggestionsPart],
  });
}

/** What of each kind the first {@link maxPendingShown} leave out, in the order the home shows them. */
function leftOut(pending: PendingActions): LeftOut {
  let room = maxPendingShown;
  const beyond = (count: number) => {
    const shown = Math.min(room, count);
    room -= shown;
    return count - shown;
  };
  return { requests: beyond(pending.requests.length), sessions: beyond(pending.sessions.length), extensions: beyond(pending.extensions.length), feedback: beyond(pending.feedback.length) };
}

function only(stage: HomeStage, messages: Message[]): HomeView {
  return { stage, pending: noPending, current: [], outgoing: [], suggestions: [], messages };
}
