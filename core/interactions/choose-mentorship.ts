import type { Actor } from '../access/actor.js';
import { authorizeMember } from '../access/authorize.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { runningMentorshipStatuses } from '../mentorships/mentorship.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message } from '../reply.js';
import type { MentorshipStatus } from '../store/database.js';

/** The mentorship a command applies to, or a question asking which one. */
export type MentorshipChoice =
  | { readonly kind: 'chosen'; readonly mentorshipId: number }
  | { readonly kind: 'ask'; readonly message: Message };

export interface ChooseMentorshipInput {
  /** The command's path (`session list`): the question's select runs it again with the answer. */
  readonly path: string;
  /**
   * What the person gave for the `mentorship` option: an id (Discord's
   * autocomplete value), or the other member as a mention (`<@U123|ana>`), a
   * platform user id or part of their name (typed on Slack).
   */
  readonly option?: string | undefined;
  /** The channel or thread the command came from: a pair's private space decides by itself. */
  readonly placeId?: string | undefined;
  /** Which mentorships qualify; running ones (accepted or paused) unless said. */
  readonly statuses?: readonly MentorshipStatus[];
  /** Said when none qualifies, such as "You have no paused mentorship to resume." */
  readonly noneMessage?: string;
}

interface Candidate {
  readonly id: number;
  readonly status: MentorshipStatus;
  readonly role: 'MENTOR' | 'MENTEE';
  readonly description: string;
  readonly spaceId: string | null;
  readonly otherName: string | null;
  readonly otherUserId: string | null;
}

/** The separator-free form of a command path in a custom id: `session list` ↔ `session-list`. */
export const pathToIdPart = (path: string): string => path.replaceAll(' ', '-');
export const idPartToPath = (part: string): string => part.replaceAll('-', ' ');

/**
 * Decides which of the actor's mentorships a command means, in this order:
 * the option when given; the pair space the command was used in; the only
 * qualifying mentorship. With several and no hint, it answers with a private
 * select that reruns the command with the choice. Only the actor's own
 * mentorships are ever considered, so a guessed id reveals nothing; naming
 * one of them in another state ("pause" on a paused one) says which state.
 */
export async function chooseMentorship(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: ChooseMentorshipInput): Promise<Outcome<MentorshipChoice>> {
  const auth = authorizeMember(actor, 'mentorship.list-own');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const statuses = input.statuses ?? runningMentorshipStatuses;
  const rows = await deps.db
    .selectFrom('mentorships as m')
    .leftJoin('members as other', (join) =>
      join.on((eb) => eb('other.id', '=', eb.case().when('m.mentor_id', '=', memberId).then(eb.ref('m.mentee_id')).else(eb.ref('m.mentor_id')).end())),
    )
    .select(['m.id', 'm.status', 'm.mentor_id', 'm.description', 'm.space_id', 'other.display_name', 'other.platform_user_id', 'other.erased_at'])
    .where('m.community_id', '=', communityId)
    .where((eb) => eb.or([eb('m.mentor_id', '=', memberId), eb('m.mentee_id', '=', memberId)]))
    // Every status: a named mentorship in another state is answered with its state, not as unknown.
    .orderBy('m.id', 'desc')
    .execute();
  const all: Candidate[] = rows.map((row) => ({
    id: row.id,
    status: row.status,
    role: row.mentor_id === memberId ? 'MENTOR' : 'MENTEE',
    description: row.description,
    spaceId: row.space_id,
    otherName: row.erased_at === null ? row.display_name : null,
    otherUserId: row.erased_at === null ? row.platform_user_id : null,
  }));
  const candidates = all.filter((candidate) => statuses.includes(candidate.status));

  const option = input.option?.trim();
  if (option) {
    const found = pickByOption(candidates, option);
    if (found) return ok({ kind: 'chosen', mentorshipId: found.id });
    const elsewhere = pickByOption(all, option);
    if (elsewhere) {
      const withWhom = `Your mentorship with ${elsewhere.otherName ?? 'a former member'} ("${truncate(elsewhere.description, 60)}")`;
      return fail('wrong-state', `${withWhom} is ${statusWords[elsewhere.status]}, not ${wantedWords(statuses)}.`);
    }
    return fail('not-found', `"${truncate(option, 60)}" is not one of your ${statuses === runningMentorshipStatuses ? 'current ' : ''}mentorships. Leave the option empty to choose from a list.`);
  }
  if (input.placeId) {
    const here = candidates.find((candidate) => candidate.spaceId === input.placeId);
    if (here) return ok({ kind: 'chosen', mentorshipId: here.id });
  }
  const [only, ...more] = candidates;
  if (!only) return fail('not-found', input.noneMessage ?? 'You have no current mentorship. Find a mentor or mentee with the find command.');
  if (more.length === 0) return ok({ kind: 'chosen', mentorshipId: only.id });
  return ok({ kind: 'ask', message: question(input.path, candidates) });
}

/** A mentorship's state as the answer names it: "… is paused, not running". */
const statusWords: Readonly<Record<MentorshipStatus, string>> = {
  PENDING: 'still a request waiting for an answer', AWAITING_APPROVAL: "waiting for an admin's approval", ACCEPTED: 'running', PAUSED: 'paused',
  REJECTED: 'a declined request', WITHDRAWN: 'a withdrawn request', EXPIRED: 'an expired request', CANCELLED: 'over', COMPLETED: 'over',
};

/** The states a command takes, in words: "running", "running or paused". */
function wantedWords(statuses: readonly MentorshipStatus[]): string {
  const words = [...new Set(statuses.map((status) => statusWords[status]))];
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}

function pickByOption(candidates: readonly Candidate[], option: string): Candidate | undefined {
  if (/^\d{1,15}$/.test(option)) return candidates.find((candidate) => candidate.id === Number(option));
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(option)?.[1] ?? /^<@!?(\d+)>$/.exec(option)?.[1];
  const userId = mention ?? option;
  const byUser = candidates.find((candidate) => candidate.otherUserId === userId);
  if (byUser) return byUser;
  const name = option.replace(/^@/, '').toLowerCase();
  const byName = candidates.filter((candidate) => candidate.otherName?.toLowerCase().includes(name));
  return byName.length === 1 ? byName[0] : undefined;
}

/** How a mentorship is named in a list: who with, and what about. */
export function mentorshipLabel(role: 'MENTOR' | 'MENTEE', otherName: string | null, description: string): string {
  const who = otherName ?? 'a former member';
  return truncate(`${role === 'MENTOR' ? 'Mentoring' : 'Mentored by'} ${who}: ${description}`, 100);
}

function question(path: string, candidates: readonly Candidate[]): Message {
  return privateMessage(['You have more than one mentorship. Which one do you mean?'], {
    actions: [
      {
        type: 'select',
        customId: interactionId('pick', 'mentorship', pathToIdPart(path)),
        placeholder: 'Choose a mentorship',
        minValues: 1,
        maxValues: 1,
        options: candidates.slice(0, 25).map((candidate) => ({ value: String(candidate.id), label: mentorshipLabel(candidate.role, candidate.otherName, candidate.description) })),
      },
    ],
  });
}
