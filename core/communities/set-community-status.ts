import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { ok, type Outcome } from '../outcome.js';
import type { Platform } from '../store/database.js';

/**
 * The platform told us the bot left a community (Slack: app uninstalled or
 * its tokens revoked; Discord: removed from the server), or came back (a new
 * install). An INACTIVE community keeps all its data; the bot just cannot
 * reach it. Like {@link ensureCommunity}, only the system actor may call it:
 * the platform decides, not a person.
 *
 * @returns whether a community with that platform id exists, and its status now.
 */
export async function setCommunityStatus(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { platform: Platform; externalId: string; status: 'ACTIVE' | 'INACTIVE' },
): Promise<Outcome<{ communityId: number | null; changed: boolean }>> {
  const denied = authorize(actor, 'community.ensure');
  if (denied) return denied;
  const changed = await deps.db
    .updateTable('communities')
    // An ACTIVE community was never uninstalled, or is no longer (a check constraint holds it).
    .set({ status: input.status, updated_at: deps.clock.now(), ...(input.status === 'ACTIVE' ? { uninstalled_at: null } : {}) })
    .where('platform', '=', input.platform)
    .where('external_id', '=', input.externalId)
    .where('status', '!=', input.status)
    .returning('id')
    .executeTakeFirst();
  if (changed) return ok({ communityId: changed.id, changed: true });
  const existing = await deps.db.selectFrom('communities').select('id').where('platform', '=', input.platform).where('external_id', '=', input.externalId).executeTakeFirst();
  return ok({ communityId: existing?.id ?? null, changed: false });
}
