import { exportMemberData } from '../../../core/privacy/export-member-data.js';
import { problemReply } from '../../../core/problem-reply.js';
import type { CommandHandler } from '../handler.js';

/** `/mentor data export`: everything the program holds about the member, as a JSON file only they see. */
export const dataExport: CommandHandler = async ({ deps, actor, respond }) => {
  await respond.defer();
  const outcome = await exportMemberData(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};
