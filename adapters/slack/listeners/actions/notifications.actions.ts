import { problemReply } from '../../../../core/problem-reply.js';
import { openNotificationSettings } from '../../../../core/profiles/open-notification-settings.js';
import { updateNotificationPreferences } from '../../../../core/profiles/update-notification-preferences.js';
import { privateMessage } from '../../../../core/reply.js';
import type { ActionHandler } from '../../handler.js';

/** `notifications:edit`: the notification form, prefilled. */
export const openNotifications: ActionHandler = async ({ deps, actor, respond }) => {
  const form = await openNotificationSettings(deps, actor);
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `notifications:save`: saves the form whole, or shows what to fix under each field. */
export const saveNotifications: ActionHandler = async ({ deps, actor, respond }, { values }) => {
  const outcome = await updateNotificationPreferences(deps, actor, { values });
  if (outcome.ok) return respond.send(privateMessage(['Your notification settings are saved.'], { title: 'Notifications' }));
  const form = outcome.problem.fields ? await openNotificationSettings(deps, actor) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined);
};
