import { interactionId } from '../../../core/interaction-ids.js';
import { problemReply } from '../../../core/problem-reply.js';
import { openNotificationSettings } from '../../../core/profiles/open-notification-settings.js';
import { updateNotificationPreferences } from '../../../core/profiles/update-notification-preferences.js';
import { privateMessage } from '../../../core/reply.js';
import type { ActionHandler } from '../handler.js';
import { withRetryButton } from './retry.js';

/** `notifications:edit`: the notification form, prefilled. */
export const openNotifications: ActionHandler = async ({ deps, actor, respond }) => {
  const form = await openNotificationSettings(deps, actor);
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `notifications:save`: saves the form whole, or names what to fix. */
export const saveNotifications: ActionHandler = async ({ deps, actor, respond }, { values }) => {
  await respond.defer();
  const outcome = await updateNotificationPreferences(deps, actor, { values });
  if (outcome.ok) return respond.send(privateMessage(['Your notification settings are saved.'], { title: 'Notifications' }));
  const form = await openNotificationSettings(deps, actor);
  const reply = problemReply(outcome.problem, form.ok ? form.value : undefined);
  await respond.send(withRetryButton(reply, interactionId('notifications', 'edit')));
};
