import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { loadSectionContext } from '../onboarding/section-context.js';
import type { ProfileSectionName } from '../onboarding/section.js';
import { sections } from '../onboarding/steps.js';
import { ok, type Outcome } from '../outcome.js';
import type { FormValues, Message } from '../reply.js';
import type { OwnProfile } from './profile.js';
import { viewOwnProfile } from './view-own-profile.js';

/**
 * Saves one edited part of the profile, checked exactly as during onboarding,
 * all or nothing. Answers with the updated profile.
 */
export async function editProfile(
  deps: CoreDeps,
  actor: Actor,
  input: { section: ProfileSectionName; values: FormValues },
): Promise<Outcome<{ profile: OwnProfile; reply: Message }>> {
  const auth = authorizeMember(actor, 'profile.edit');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const saved = await deps.db.transaction().execute(async (trx) => {
    const context = await loadSectionContext(trx, communityId, memberId, { lock: true });
    if (!context) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    const parsed = sections[input.section].parse(input.values, context);
    if (parsed.ok) await parsed.value(trx, deps.clock.now());
    return parsed;
  });
  if (!saved.ok) return saved;
  const view = await viewOwnProfile(deps, actor);
  return view.ok ? ok(view.value) : view;
}
