import { z } from 'zod';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { ensureMember } from '../members/ensure-member.js';
import { ok, type Outcome } from '../outcome.js';
import { defaultSkills } from '../skills/default-skills.js';
import { insertSkills } from '../skills/skill.repository.js';
import { findCommunity } from './community.repository.js';
import type { CommunityProfile } from './community.repository.js';
import { currentSettingsVersion, defaultSettings } from './settings.js';

const ensureCommunityInput = z.object({
  platform: z.enum(['discord', 'slack']),
  externalId: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  /** Whoever installed the bot (Slack) or owns the server (Discord): the first owner. */
  ownerPlatformUserId: z.string().min(1).max(100),
  ownerDisplayName: z.string().trim().min(1).max(100),
});

export type EnsureCommunityInput = z.input<typeof ensureCommunityInput>;

export interface EnsuredCommunity {
  readonly community: CommunityProfile;
  /** The first owner's member id, when this call created the community. */
  readonly ownerMemberId: number | null;
  readonly created: boolean;
}

/**
 * The community for a Discord guild or Slack workspace, created the first time
 * the bot meets it: default settings (stored as `{}`), the default skills
 * catalog, and its first owner. Later calls return the existing community
 * unchanged; concurrent first calls create it once (the unique platform id
 * decides, and the loser reads the winner's row).
 *
 * Called by the adapters on a platform event, with the system actor.
 */
export async function ensureCommunity(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: EnsureCommunityInput): Promise<Outcome<EnsuredCommunity>> {
  const denied = authorize(actor, 'community.ensure');
  if (denied) return denied;
  // The platform supplies these, not a person: bad values are a bug in the adapter.
  const { platform, externalId, name, ownerPlatformUserId, ownerDisplayName } = ensureCommunityInput.parse(input);

  const result = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('communities')
      .values({ platform, external_id: externalId, name, settings: '{}', settings_version: currentSettingsVersion })
      .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('communities')
        .select('id')
        .where('platform', '=', platform)
        .where('external_id', '=', externalId)
        .executeTakeFirstOrThrow();
      return { id: existing.id, ownerMemberId: null, created: false };
    }
    await insertSkills(trx, inserted.id, defaultSkills);
    const owner = await ensureMember(trx, defaultSettings, {
      communityId: inserted.id,
      platformUserId: ownerPlatformUserId,
      displayName: ownerDisplayName,
      role: 'OWNER',
    });
    return { id: inserted.id, ownerMemberId: owner.memberId, created: true };
  });

  const community = await findCommunity(deps.db, result.id);
  if (!community) throw new NotFoundError(`community ${result.id} vanished right after it was ensured`);
  return ok({ community, ownerMemberId: result.ownerMemberId, created: result.created });
}
