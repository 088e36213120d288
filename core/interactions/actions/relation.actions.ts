import { StaleInteractionError } from '../../errors.js';
import { textValue } from '../../forms/form-values.js';
import { suggestionsForMember } from '../../home/member-suggestions.js';
import { interactionId } from '../../interaction-ids.js';
import { acceptSuggestion } from '../../matching/accept-suggestion.js';
import { declineSuggestion } from '../../matching/decline-suggestion.js';
import { runRound } from '../../matching/run-round.js';
import { skipRound } from '../../matching/skip-round.js';
import { acceptRequest } from '../../mentorships/accept-request.js';
import { askForDetail, askForDetailForm } from '../../mentorships/ask-for-detail.js';
import { cancelMentorship } from '../../mentorships/cancel-mentorship.js';
import { extendMentorship } from '../../mentorships/extend-mentorship.js';
import { openRequestForm } from '../../mentorships/open-request-form.js';
import { pauseMentorship } from '../../mentorships/pause-mentorship.js';
import { rejectRequest } from '../../mentorships/reject-request.js';
import { sendRequest } from '../../mentorships/send-request.js';
import { withdrawRequest } from '../../mentorships/withdraw-request.js';
import type { Outcome } from '../../outcome.js';
import { privateMessage, type FormValues, type Message } from '../../reply.js';
import type { InteractionResponder, SharedActionHandler } from '../interaction.js';
import { endForm, pauseFormFor, prefilledRequestForm } from '../relation-forms.js';

/** The id an id's first argument names (a request, a member, a suggestion, a round). */
function idArg(args: readonly string[]): number {
  const [raw] = args;
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new StaleInteractionError(`expected an id, got ${String(raw)}`);
  return Number(raw);
}

/** The answer to a use case that replies: its message, or the problem. */
async function answer(respond: InteractionResponder, outcome: Outcome<{ reply: Message }>): Promise<void> {
  await (outcome.ok ? respond.send(outcome.value.reply) : respond.problem(outcome.problem));
}

/**
 * Whether a form was submitted with this field, as opposed to the button of
 * the same id pressed: a submission carries every input of its form (blank
 * text as ''), a button none.
 */
const submitted = (values: FormValues, field: string): boolean => field in values;

/** `request:accept:<mentorshipId>`: the receiver accepts (from the DM, the home or `/mentor requests`). */
const accept: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const mentorshipId = idArg(args);
  await respond.defer();
  await answer(respond, await acceptRequest(deps, actor, { mentorshipId }));
};

/** `request:reject:<mentorshipId>`: the receiver declines; the sender is told and offered other suggestions. */
const reject: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const mentorshipId = idArg(args);
  await respond.defer();
  await answer(respond, await rejectRequest(deps, actor, { mentorshipId }));
};

/** `request:withdraw:<mentorshipId>`: the sender takes back a request nobody answered yet. */
const withdraw: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const mentorshipId = idArg(args);
  await respond.defer();
  await answer(respond, await withdrawRequest(deps, actor, { mentorshipId }));
};

/** `request:ask-detail:<mentorshipId>`: pressed, the question form; submitted, the question goes to the sender. */
const askDetail: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const mentorshipId = idArg(args);
  if (!submitted(values, 'question')) return respond.showModal(askForDetailForm(mentorshipId));
  await respond.defer();
  const outcome = await askForDetail(deps, actor, { mentorshipId, question: textValue(values, 'question') });
  if (outcome.ok) return respond.send(outcome.value.reply);
  await respond.problem(outcome.problem, askForDetailForm(mentorshipId), interactionId('request', 'ask-detail', mentorshipId));
};

/** `request:start:<memberId>`: the request form for that member (a suggestion's Request button). */
const start: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const form = await openRequestForm(deps, actor, { receiverMemberId: idArg(args) });
  await (form.ok ? respond.showModal(form.value) : respond.problem(form.problem));
};

/** `request:send:<memberId>`: the submitted request form; a wrong answer is named by its field and nothing is stored. */
const send: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const receiverMemberId = idArg(args);
  await respond.defer();
  const outcome = await sendRequest(deps, actor, { receiverMemberId, values });
  if (outcome.ok) return respond.send(outcome.value.reply);
  const form = outcome.problem.fields ? await openRequestForm(deps, actor, { receiverMemberId }) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined, interactionId('request', 'start', receiverMemberId));
};

/** `mentorship:extend:<mentorshipId>:<date>`: agreeing to (or proposing) a later end date. */
const extend: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const mentorshipId = idArg(args);
  const endDate = args[1];
  if (!endDate || !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) throw new StaleInteractionError(`expected an end date, got ${String(endDate)}`);
  await respond.defer();
  await answer(respond, await extendMentorship(deps, actor, { mentorshipId, endDate }));
};

/** `mentorship:pause:<mentorshipId>`: pressed, the pause form; submitted, the pause until that day. */
const pause: SharedActionHandler = async ({ deps, actor, community, respond }, { args, values }) => {
  const mentorshipId = idArg(args);
  if (!submitted(values, 'until')) {
    const form = await pauseFormFor(deps.db, { community, memberId: actor.memberId, mentorshipId, now: deps.clock.now() });
    return form.ok ? respond.showModal(form.value) : respond.problem(form.problem);
  }
  await respond.defer();
  const reason = textValue(values, 'reason').trim();
  const outcome = await pauseMentorship(deps, actor, { mentorshipId, until: textValue(values, 'until').trim(), reason: reason || null });
  if (outcome.ok) return respond.send(outcome.value.reply);
  const form = outcome.problem.fields ? await pauseFormFor(deps.db, { community, memberId: actor.memberId, mentorshipId, now: deps.clock.now() }) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined, interactionId('mentorship', 'pause', mentorshipId));
};

/** `mentorship:end:<mentorshipId>`: pressed (after "End the mentorship?"), the reason form; submitted, the early end. */
const end: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const mentorshipId = idArg(args);
  if (!submitted(values, 'reason')) return respond.showModal(endForm(mentorshipId));
  await respond.defer();
  const outcome = await cancelMentorship(deps, actor, { mentorshipId, reason: textValue(values, 'reason') });
  if (outcome.ok) return respond.send(outcome.value.reply);
  await respond.problem(outcome.problem, endForm(mentorshipId), interactionId('mentorship', 'end', mentorshipId));
};

/** `mentorship:keep:<mentorshipId>`: the member changed their mind about ending it. */
const keep: SharedActionHandler = async ({ respond }, { args }) => {
  idArg(args);
  await respond.send(privateMessage(['Nothing changed: the mentorship goes on.']));
};

/**
 * `suggestion:accept:<suggestionId>`: a round's match accepted; the request
 * form opens filled in from it. Reads only, as a form must be the first
 * answer: sending the request (`request:send`) marks the suggestion accepted.
 */
const acceptMatch: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const prefill = await acceptSuggestion(deps, actor, { suggestionId: idArg(args) });
  if (!prefill.ok) return respond.problem(prefill.problem);
  const form = await openRequestForm(deps, actor, { receiverMemberId: prefill.value.otherMemberId });
  await (form.ok ? respond.showModal(prefilledRequestForm(form.value, prefill.value)) : respond.problem(form.problem));
};

/** `suggestion:decline:<suggestionId>`: never suggest this pair again. */
const declineMatch: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const suggestionId = idArg(args);
  await respond.defer();
  await answer(respond, await declineSuggestion(deps, actor, { suggestionId }));
};

/**
 * `suggestions:next:<mentorshipId>`: fresh suggestions, after the request it
 * names was declined or expired. The id is there so a button in a DM finds
 * its community (`interaction-community.ts`); buttons sent before it was added
 * carry none and still work for people in one community.
 */
const nextSuggestions: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  if (args.length > 0) idArg(args);
  await respond.defer();
  await answer(respond, await suggestionsForMember(deps, actor, {}));
};

/** `round:skip:<roundId>`: the member sits out one matching round. */
const skip: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const roundId = idArg(args);
  await respond.defer();
  await answer(respond, await skipRound(deps, actor, { roundId }));
};

/** `round:run:<roundId>`: an admin runs the round they previewed. */
const run: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const roundId = idArg(args);
  await respond.defer();
  await answer(respond, await runRound(deps, actor, { roundId }));
};

/** Buttons and forms of requests, relations, suggestions and matching rounds, by `area:action`. */
export const relationActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ['request:accept', accept],
  ['request:reject', reject],
  ['request:withdraw', withdraw],
  ['request:ask-detail', askDetail],
  ['request:start', start],
  ['request:send', send],
  ['mentorship:extend', extend],
  ['mentorship:pause', pause],
  ['mentorship:end', end],
  ['mentorship:keep', keep],
  ['suggestion:accept', acceptMatch],
  ['suggestion:decline', declineMatch],
  ['suggestions:next', nextSuggestions],
  ['round:skip', skip],
  ['round:run', run],
];
