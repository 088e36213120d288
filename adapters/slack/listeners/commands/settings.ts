import { problemReply } from '../../../../core/problem-reply.js';
import { openNotificationSettings } from '../../../../core/profiles/open-notification-settings.js';
import type { CommandHandler } from '../../handler.js';

/** `/mentor settings`: the notification form, prefilled. */
export const settings: CommandHandler = async ({ deps, actor, respond }) => {
  const form = await openNotificationSettings(deps, actor);
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};
