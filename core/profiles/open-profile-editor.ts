import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { interactionId } from '../interaction-ids.js';
import { loadSectionContext } from '../onboarding/section-context.js';
import type { ProfileSectionName } from '../onboarding/section.js';
import { sections } from '../onboarding/steps.js';
import { ok, type Outcome } from '../outcome.js';
import type { ModalSpec } from '../reply.js';

/** The form that edits one part of the member's profile, prefilled with what is saved. */
export async function openProfileEditor(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { section: ProfileSectionName }): Promise<Outcome<ModalSpec>> {
  const auth = authorizeMember(actor, 'profile.edit-form');
  if (!auth.ok) return auth;
  const context = await loadSectionContext(deps.db, auth.value.communityId, auth.value.memberId);
  if (!context) throw new NotFoundError(`member ${auth.value.memberId} is not in community ${auth.value.communityId}`);
  return ok(sections[input.section].form(context, interactionId('profile', 'save', input.section)));
}
