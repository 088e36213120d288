import { findPendingFeedback } from '../../feedback/pending-feedback.js';
import { openFinalReviewForm, openSessionRatingForm } from '../../feedback/feedback-forms.js';
import { chooseGoal, chooseTask } from '../../goals/goal-choices.js';
import { openGoalForm, openTaskForm } from '../../goals/goal-forms.js';
import { completeTask } from '../../goals/complete-task.js';
import { listMentorshipGoals } from '../../goals/list-goals.js';
import { listMentorshipTasks } from '../../goals/list-tasks.js';
import { setGoalStatus } from '../../goals/update-goal.js';
import { runningMentorshipStatuses } from '../../mentorships/mentorship.js';
import { problemReply } from '../../problem-reply.js';
import { openReportForm } from '../../reports/report-form.js';
import { listSessions } from '../../sessions/list-sessions.js';
import { openScheduleForm } from '../../sessions/session-forms.js';
import { chooseMentorship } from '../choose-mentorship.js';
import type { CommandInput, InteractionContext, SharedCommandHandler } from '../interaction.js';
import { answerWithForm } from '../toolkit-helpers.js';

/**
 * The mentorship a command means (its option, the pair space it was typed in,
 * or the only one); when that takes a question or fails, this answers and
 * gives null. A read only, so commands that open a form may call it first.
 */
async function mentorshipOf(context: InteractionContext, { path, options }: CommandInput): Promise<number | null> {
  const choice = await chooseMentorship(context.deps, context.actor, { path, option: options.mentorship, placeId: context.placeId });
  if (!choice.ok) {
    await context.respond.send(problemReply(choice.problem));
    return null;
  }
  if (choice.value.kind === 'ask') {
    await context.respond.send(choice.value.message);
    return null;
  }
  return choice.value.mentorshipId;
}

/** `/mentor session schedule [mentorship]`: the proposal form (date and time on the member's own clock). */
const sessionSchedule: SharedCommandHandler = async (context, input) => {
  const mentorshipId = await mentorshipOf(context, input);
  if (mentorshipId !== null) await answerWithForm(context, await openScheduleForm(context.deps, context.actor, { mentorshipId }));
};

/** `/mentor session list [mentorship]`: upcoming sessions, then past ones. */
const sessionList: SharedCommandHandler = async (context, input) => {
  await context.respond.defer();
  const mentorshipId = await mentorshipOf(context, input);
  if (mentorshipId === null) return;
  const listed = await listSessions(context.deps, context.actor, { mentorshipId });
  await context.respond.send(listed.ok ? listed.value.reply : problemReply(listed.problem));
};

/** `/mentor goal add [mentorship]`: the goal form. */
const goalAdd: SharedCommandHandler = async (context, input) => {
  const mentorshipId = await mentorshipOf(context, input);
  if (mentorshipId !== null) await answerWithForm(context, await openGoalForm(context.deps, context.actor, { mentorshipId }));
};

/** `/mentor goal list [mentorship]`: goals with progress, and open tasks. */
const goalList: SharedCommandHandler = async (context, input) => {
  await context.respond.defer();
  const mentorshipId = await mentorshipOf(context, input);
  if (mentorshipId === null) return;
  const listed = await listMentorshipGoals(context.deps, context.actor, { mentorshipId });
  await context.respond.send(listed.ok ? listed.value.reply : problemReply(listed.problem));
};

/**
 * `/mentor goal done <goal>`: the goal by its id (Discord's autocomplete) or a
 * part of its title (typed on Slack); otherwise a select of the open goals.
 */
const goalDone: SharedCommandHandler = async ({ deps, actor, respond }, { options }) => {
  await respond.defer();
  const picked = await chooseGoal(deps, actor, { typed: options.goal });
  if (!picked.ok) return respond.send(problemReply(picked.problem));
  if (picked.value.kind === 'ask') return respond.send(picked.value.message);
  const done = await setGoalStatus(deps, actor, { goalId: picked.value.id, status: 'DONE' });
  await respond.send(done.ok ? done.value.reply : problemReply(done.problem));
};

/** `/mentor task add [mentorship]`: the task form. */
const taskAdd: SharedCommandHandler = async (context, input) => {
  const mentorshipId = await mentorshipOf(context, input);
  if (mentorshipId !== null) await answerWithForm(context, await openTaskForm(context.deps, context.actor, { mentorshipId }));
};

/** `/mentor task list [mentorship]`: open and finished tasks. */
const taskList: SharedCommandHandler = async (context, input) => {
  await context.respond.defer();
  const mentorshipId = await mentorshipOf(context, input);
  if (mentorshipId === null) return;
  const listed = await listMentorshipTasks(context.deps, context.actor, { mentorshipId });
  await context.respond.send(listed.ok ? listed.value.reply : problemReply(listed.problem));
};

/** `/mentor task done <task>`: like `goal done`, for tasks. */
const taskDone: SharedCommandHandler = async ({ deps, actor, respond }, { options }) => {
  await respond.defer();
  const picked = await chooseTask(deps, actor, { typed: options.task });
  if (!picked.ok) return respond.send(problemReply(picked.problem));
  if (picked.value.kind === 'ask') return respond.send(picked.value.message);
  const done = await completeTask(deps, actor, { taskId: picked.value.id });
  await respond.send(done.ok ? done.value.reply : problemReply(done.problem));
};

/**
 * `/mentor feedback [mentorship]`: opens the form the member most likely
 * means, the feedback they owe on what happened last (a mentorship that
 * ended, or a session that took place); the answer to that form offers the
 * others. Quick reads only, since a form must be the first answer.
 */
const feedback: SharedCommandHandler = async (context, { path, options }) => {
  const { deps, actor, respond } = context;
  let mentorshipId: number | undefined;
  if (options.mentorship) {
    const chosen = await chooseMentorship(deps, actor, { path, option: options.mentorship, statuses: [...runningMentorshipStatuses, 'COMPLETED', 'CANCELLED'] });
    if (!chosen.ok) return respond.send(problemReply(chosen.problem));
    if (chosen.value.kind === 'ask') return respond.send(chosen.value.message);
    mentorshipId = chosen.value.mentorshipId;
  }
  const pending = await findPendingFeedback(deps, actor, { mentorshipId, placeId: context.placeId });
  if (!pending.ok) return respond.send(problemReply(pending.problem));
  const [likely] = pending.value.items;
  if (!likely) return respond.send(pending.value.nothingPending);
  const form = likely.kind === 'final'
    ? await openFinalReviewForm(deps, actor, { mentorshipId: likely.mentorshipId })
    : await openSessionRatingForm(deps, actor, { sessionId: likely.sessionId });
  await answerWithForm(context, form);
};

/**
 * `/mentor report [member]`: the private report form about the member, or,
 * without one, about the other side of the pair space it was used in. The
 * admins are told; the reported member never learns who reported.
 */
const report: SharedCommandHandler = async (context, { options }) => {
  const subject = options.member ? { platformUserId: options.member } : { placeId: context.placeId };
  await answerWithForm(context, await openReportForm(context.deps, context.actor, { subject }));
};

/** The pair's toolkit: sessions, goals, tasks, feedback and reports. */
export const toolkitCommands: Readonly<Record<string, SharedCommandHandler>> = {
  'session schedule': sessionSchedule,
  'session list': sessionList,
  'goal add': goalAdd,
  'goal list': goalList,
  'goal done': goalDone,
  'task add': taskAdd,
  'task list': taskList,
  'task done': taskDone,
  feedback,
  report,
};
