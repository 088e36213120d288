import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { findMember } from '../members/member.repository.js';
import { ok, type Outcome } from '../outcome.js';
import type { ModalSpec } from '../reply.js';
import { notificationSettingsModal } from './notification-settings.js';

/** The notification form, prefilled with the member's preferences. */
export async function openNotificationSettings(deps: Pick<CoreDeps, 'db'>, actor: Actor): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'notifications.update');
  if (!auth.ok) return auth;
  const member = await findMember(deps.db, auth.value.communityId, auth.value.memberId);
  if (!member) throw new NotFoundError(`member ${auth.value.memberId} is not in community ${auth.value.communityId}`);
  return ok(notificationSettingsModal(member.notificationPreferences));
}
