import { exportMemberData } from '../../../../core/privacy/export-member-data.js';
import { problemReply } from '../../../../core/problem-reply.js';
import type { CommandHandler } from '../../handler.js';

/**
 * `/mentor data export`: everything the program holds about the member, as a
 * private message. Slack messages carry no files without the files API, so
 * the renderer shows the JSON document in code blocks (see `slack.renderer.ts`).
 */
export const dataExport: CommandHandler = async ({ deps, actor, respond }) => {
  const outcome = await exportMemberData(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};
