import { interactionId } from '../../interaction-ids.js';
import { problemReply } from '../../problem-reply.js';
import { cancelSession } from '../../sessions/cancel-session.js';
import { confirmSession } from '../../sessions/confirm-session.js';
import { proposeSession, type ProposeSessionValues } from '../../sessions/propose-session.js';
import { rescheduleSession } from '../../sessions/reschedule-session.js';
import { openCancelForm, openCounterForm, openNotesForm, openScheduleForm } from '../../sessions/session-forms.js';
import { saveSessionNotes } from '../../sessions/session-notes.js';
import type { SharedActionHandler } from '../interaction.js';
import { answerWithForm, choiceOf, idArg, sealing, textOf } from '../toolkit-helpers.js';

/**
 * Sessions' buttons and forms. A button opens its form (the first answer, so
 * only reads before it); a submitted form is saved whole or refused with its
 * fields named, and then nothing is saved. Whoever presses, the core checks
 * they are one side of the pair (anyone else: "not yours").
 */

/** `session:schedule:<mentorship>`: the proposal form. */
const openSchedule: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openScheduleForm(context.deps, context.actor, { mentorshipId: idArg(args, 'mentorship') }));
};

/** `session:propose:<mentorship>`: the submitted proposal; the other side gets it by DM to confirm. */
const propose: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const mentorshipId = idArg(args, 'mentorship');
  await respond.defer();
  const proposed = await proposeSession(deps, actor, {
    mentorshipId,
    values: { date: textOf(values, 'date') ?? '', time: textOf(values, 'time') ?? '', durationMinutes: textOf(values, 'durationMinutes') ?? '', kind: choiceOf(values, 'kind') as ProposeSessionValues['kind'], agenda: textOf(values, 'agenda') },
  });
  if (proposed.ok) return respond.send(proposed.value.reply);
  const form = proposed.problem.fields ? await openScheduleForm(deps, actor, { mentorshipId }) : null;
  await respond.problem(proposed.problem, form?.ok ? form.value : undefined, interactionId('session', 'schedule', mentorshipId));
};

/** `session:confirm:<session>`: the other side confirms; the proposer, or anyone outside the pair, is told why not. */
const confirm: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const sessionId = idArg(args, 'session');
  await respond.defer();
  const confirmed = await confirmSession(deps, actor, { sessionId });
  await respond.send(confirmed.ok ? confirmed.value.reply : problemReply(confirmed.problem));
};

/** `session:counter:<session>`: another time, in a form prefilled with the current one. */
const openCounter: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openCounterForm(context.deps, context.actor, { sessionId: idArg(args, 'session') }));
};

/** `session:save-time:<session>`: the counter-proposal or the move; the other side confirms the new time. */
const saveTime: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const sessionId = idArg(args, 'session');
  await respond.defer();
  const moved = await rescheduleSession(deps, actor, {
    sessionId,
    values: { date: textOf(values, 'date') ?? '', time: textOf(values, 'time') ?? '', durationMinutes: textOf(values, 'durationMinutes'), reason: textOf(values, 'reason') },
  });
  if (moved.ok) return respond.send(moved.value.reply);
  const form = moved.problem.fields ? await openCounterForm(deps, actor, { sessionId }) : null;
  await respond.problem(moved.problem, form?.ok ? form.value : undefined, interactionId('session', 'counter', sessionId));
};

/** `session:cancel:<session>`: asks why, for the other side. */
const openCancel: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openCancelForm(context.deps, context.actor, { sessionId: idArg(args, 'session') }));
};

/** `session:save-cancel:<session>`: cancels (or declines) with the reason given. */
const saveCancel: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const sessionId = idArg(args, 'session');
  await respond.defer();
  const cancelled = await cancelSession(deps, actor, { sessionId, reason: textOf(values, 'reason') ?? '' });
  if (cancelled.ok) return respond.send(cancelled.value.reply);
  const form = cancelled.problem.fields ? await openCancelForm(deps, actor, { sessionId }) : null;
  await respond.problem(cancelled.problem, form?.ok ? form.value : undefined, interactionId('session', 'cancel', sessionId));
};

/** `session:notes:<session>`: the pair's notes, prefilled. */
const openNotes: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openNotesForm(sealing(context), context.actor, { sessionId: idArg(args, 'session') }));
};

/** `session:save-notes:<session>`: saves the notes, sealed. */
const saveNotes: SharedActionHandler = async (context, { args, values }) => {
  const sessionId = idArg(args, 'session');
  await context.respond.defer();
  const saved = await saveSessionNotes(sealing(context), context.actor, { sessionId, notes: textOf(values, 'notes') ?? '' });
  if (saved.ok) return context.respond.send(saved.value.reply);
  const form = saved.problem.fields ? await openNotesForm(sealing(context), context.actor, { sessionId }) : null;
  await context.respond.problem(saved.problem, form?.ok ? form.value : undefined, interactionId('session', 'notes', sessionId));
};

export const sessionActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ['session:schedule', openSchedule],
  ['session:propose', propose],
  ['session:confirm', confirm],
  ['session:counter', openCounter],
  ['session:save-time', saveTime],
  ['session:cancel', openCancel],
  ['session:save-cancel', saveCancel],
  ['session:notes', openNotes],
  ['session:save-notes', saveNotes],
];
