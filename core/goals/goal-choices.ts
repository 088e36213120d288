import { sql, type Kysely } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor, KnownMemberActor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { runningMentorshipStatuses } from '../mentorships/mentorship.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message } from '../reply.js';
import type { Database } from '../store/database.js';

/**
 * Picking one of the member's open goals or tasks: the choices while typing
 * (Discord's autocomplete) and what a typed value means (an id, or a unique
 * part of a title; Slack has no autocomplete). Only goals and tasks of the
 * member's own running mentorships are ever listed, so nothing leaks.
 */

/** One goal or task as offered: the id as the value, the title (and with whom) as the name. */
export interface ItemChoice {
  readonly value: string;
  readonly name: string;
}

/** The most choices a list offers: Discord's autocomplete and a select both stop at 25. */
export const maxChoices = 25;

type Kind = 'goal' | 'task';

/** `%` and `_` typed by a person match themselves, not any text. */
function containsPattern(typed: string): string {
  return `%${typed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The actor's running mentorships, with the other member's name: what every goal and task listed here hangs off. */
function ownRunning(db: Kysely<Database>, actor: KnownMemberActor) {
  return db
    .selectFrom('mentorships as m')
    .leftJoin('members as other', (join) =>
      join.on((eb) => eb('other.id', '=', eb.case().when('m.mentor_id', '=', actor.memberId).then(eb.ref('m.mentee_id')).else(eb.ref('m.mentor_id')).end())),
    )
    .where('m.community_id', '=', actor.communityId)
    .where((eb) => eb.or([eb('m.mentor_id', '=', actor.memberId), eb('m.mentee_id', '=', actor.memberId)]))
    .where('m.status', 'in', [...runningMentorshipStatuses]);
}

async function openItems(db: Kysely<Database>, actor: KnownMemberActor, kind: Kind, typed: string, limit: number): Promise<ItemChoice[]> {
  const fragment = typed.trim();
  const titled = sql<boolean>`item.title ilike ${containsPattern(fragment)}`;
  const rows =
    kind === 'goal'
      ? await ownRunning(db, actor)
          .innerJoin('goals as item', 'item.mentorship_id', 'm.id')
          .select(['item.id', 'item.title', 'other.display_name', 'other.erased_at'])
          .where('item.status', '=', 'OPEN')
          .$if(fragment !== '', (query) => query.where(titled))
          .orderBy('item.id', 'desc')
          .limit(limit)
          .execute()
      : await ownRunning(db, actor)
          .innerJoin('tasks as item', 'item.mentorship_id', 'm.id')
          .select(['item.id', 'item.title', 'other.display_name', 'other.erased_at'])
          .where('item.done_at', 'is', null)
          .$if(fragment !== '', (query) => query.where(titled))
          .orderBy('item.id', 'desc')
          .limit(limit)
          .execute();
  return rows.map((row) => ({ value: String(row.id), name: truncate(`${row.title} (with ${row.erased_at === null && row.display_name ? row.display_name : 'a former member'})`, 100) }));
}

/** The member's open goals whose title contains what they typed, newest first, at most 25. */
export async function listGoalChoices(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { typed: string }): Promise<Outcome<ItemChoice[]>> {
  const auth = authorizeMember(actor, 'goal.update');
  if (!auth.ok) return auth;
  return ok(await openItems(deps.db, auth.value, 'goal', input.typed, maxChoices));
}

/** The member's unfinished tasks whose title contains what they typed, newest first, at most 25. */
export async function listTaskChoices(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { typed: string }): Promise<Outcome<ItemChoice[]>> {
  const auth = authorizeMember(actor, 'task.done');
  if (!auth.ok) return auth;
  return ok(await openItems(deps.db, auth.value, 'task', input.typed, maxChoices));
}

/** The goal or task a typed value means, or a question listing the open ones. */
export type ItemPick = { readonly kind: 'chosen'; readonly id: number } | { readonly kind: 'ask'; readonly message: Message };

const words = {
  goal: { some: 'goal', none: 'You have no open goals. Add one with the goal add command.', question: 'Which goal did you reach?', placeholder: 'Choose a goal' },
  task: { some: 'task', none: 'You have no open tasks. Add one with the task add command.', question: 'Which task is done?', placeholder: 'Choose a task' },
} as const;

async function pick(deps: Pick<CoreDeps, 'db'>, actor: KnownMemberActor, kind: Kind, typed: string | undefined): Promise<Outcome<ItemPick>> {
  const value = typed?.trim() ?? '';
  // An id (Discord's autocomplete value, or typed): the use case checks it is the member's and still open.
  if (/^\d{1,15}$/.test(value)) return ok({ kind: 'chosen', id: Number(value) });
  const matches = value ? await openItems(deps.db, actor, kind, value, maxChoices) : [];
  if (matches.length === 1 && matches[0]) return ok({ kind: 'chosen', id: Number(matches[0].value) });
  const offered = matches.length > 1 ? matches : await openItems(deps.db, actor, kind, '', maxChoices);
  if (offered.length === 0) return fail('not-found', words[kind].none);
  const lead = !value ? '' : matches.length > 1 ? `Several of your open ${words[kind].some}s match "${truncate(value, 60)}". ` : `None of your open ${words[kind].some}s matches "${truncate(value, 60)}". `;
  return ok({
    kind: 'ask',
    message: privateMessage([`${lead}${words[kind].question}`], {
      actions: [{ type: 'select', customId: interactionId(kind, 'done'), placeholder: words[kind].placeholder, minValues: 1, maxValues: 1, options: offered.map((item) => ({ value: item.value, label: item.name })) }],
    }),
  });
}

/** Which open goal `goal done <typed>` means: an id, or a part of one title; otherwise a select of the open goals. */
export async function chooseGoal(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { typed?: string | undefined }): Promise<Outcome<ItemPick>> {
  const auth = authorizeMember(actor, 'goal.update');
  if (!auth.ok) return auth;
  return pick(deps, auth.value, 'goal', input.typed);
}

/** Which open task `task done <typed>` means: an id, or a part of one title; otherwise a select of the open tasks. */
export async function chooseTask(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { typed?: string | undefined }): Promise<Outcome<ItemPick>> {
  const auth = authorizeMember(actor, 'task.done');
  if (!auth.ok) return auth;
  return pick(deps, auth.value, 'task', input.typed);
}
