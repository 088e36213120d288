import { reportMember, reportMentorship } from '../../reports/create-report.js';
import { openReportForm, reportValuesFromForm } from '../../reports/report-form.js';
import { viewReportMessage } from '../../reports/report-message.js';
import { interactionId } from '../../interaction-ids.js';
import { problemReply } from '../../problem-reply.js';
import type { InteractionContext, SharedActionHandler } from '../interaction.js';
import { answerWithForm, idArg, sealing } from '../toolkit-helpers.js';

/**
 * Opens the report form about a member, by their platform user id, for any
 * entry point that is not the report command: Slack's "Report this message"
 * shortcut passes the message's author, its link and, if it wants, an
 * excerpt the reporter may keep or remove. It must be the interaction's first
 * answer (one quick read happens before it). The submission files the report
 * through the core: admins are told, the reported member never learns who.
 */
export async function showReportForm(context: InteractionContext, input: { reportedUserId: string; messageLink?: string; excerpt?: string }): Promise<void> {
  await answerWithForm(context, await openReportForm(context.deps, context.actor, {
    subject: { platformUserId: input.reportedUserId }, messageLink: input.messageLink, excerpt: input.excerpt,
  }));
}

/** `report:member:<member>`: the form again (Discord's way back to a form whose answers needed fixing). */
const openAboutMember: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openReportForm(context.deps, context.actor, { subject: { memberId: idArg(args, 'member') } }));
};

/** `report:mentorship:<mentorship>`: the same, about the other side of the reporter's mentorship. */
const openAboutMentorship: SharedActionHandler = async (context, { args }) => {
  await answerWithForm(context, await openReportForm(context.deps, context.actor, { subject: { mentorshipId: idArg(args, 'mentorship') } }));
};

/** `report:file-member:<member>`: files the report; the reporter gets a private thank-you. */
const fileAboutMember: SharedActionHandler = async (context, { args, values }) => {
  const memberId = idArg(args, 'member');
  await context.respond.defer();
  const filed = await reportMember(sealing(context), context.actor, { memberId, values: reportValuesFromForm(values) });
  if (filed.ok) return context.respond.send(filed.value.reply);
  const form = filed.problem.fields ? await openReportForm(context.deps, context.actor, { subject: { memberId } }) : null;
  await context.respond.problem(filed.problem, form?.ok ? form.value : undefined, interactionId('report', 'member', memberId));
};

/** `report:file-mentorship:<mentorship>`: files the report about the other side of the mentorship. */
const fileAboutMentorship: SharedActionHandler = async (context, { args, values }) => {
  const mentorshipId = idArg(args, 'mentorship');
  await context.respond.defer();
  const filed = await reportMentorship(sealing(context), context.actor, { mentorshipId, values: reportValuesFromForm(values) });
  if (filed.ok) return context.respond.send(filed.value.reply);
  const form = filed.problem.fields ? await openReportForm(context.deps, context.actor, { subject: { mentorshipId } }) : null;
  await context.respond.problem(filed.problem, form?.ok ? form.value : undefined, interactionId('report', 'mentorship', mentorshipId));
};

/** `report:view:<report>`: an admin opens a report from their notice. */
const view: SharedActionHandler = async (context, { args }) => {
  const reportId = idArg(args, 'report');
  await context.respond.defer();
  const shown = await viewReportMessage(sealing(context), context.actor, { reportId, publicUrl: context.publicUrl });
  await context.respond.send(shown.ok ? shown.value : problemReply(shown.problem));
};

export const reportActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ['report:member', openAboutMember],
  ['report:mentorship', openAboutMentorship],
  ['report:file-member', fileAboutMember],
  ['report:file-mentorship', fileAboutMentorship],
  ['report:view', view],
];
