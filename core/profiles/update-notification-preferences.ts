import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { updateMember } from '../members/member.repository.js';
import type { NotificationPreferences } from '../members/notification-preferences.js';
import { ok, type Outcome } from '../outcome.js';
import type { FormValues } from '../reply.js';
import { parseNotificationSettings } from './notification-settings.js';

/** Saves the notification form: per kind DM or off, digest frequency, quiet hours. */
export async function updateNotificationPreferences(deps: CoreDeps, actor: Actor, input: { values: FormValues }): Promise<Outcome<NotificationPreferences>> {
  const auth = authorizeMember(actor, 'notifications.update');
  if (!auth.ok) return auth;
  const parsed = parseNotificationSettings(input.values);
  if (!parsed.ok) return parsed;
  await updateMember(deps.db, auth.value.communityId, auth.value.memberId, { notification_preferences: JSON.stringify(parsed.value) }, deps.clock.now());
  return ok(parsed.value);
}
