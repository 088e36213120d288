import { z } from 'zod';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Outcome } from '../outcome.js';

/** What brought the program back, as the audit log records it. */
export const reinstallCauses = {
  /** Discord: the bot was added to the server again (GUILD_CREATE after it had left). */
  'discord.bot-added': 'the bot was added to the server again',
  /** Slack: someone installed the app again through the OAuth install. */
  'slack.app-installed': 'the app was installed in the workspace again',
  /** Slack single-workspace mode: the configured token works again at start-up. */
  'slack.token-works': 'the app’s token works again',
  /** `npm run community:reinstall`: whoever runs the bot turned the program back on. */
  operator: 'the bot’s operator turned the program back on',
} as const;

export type ReinstallCause = keyof typeof reinstallCauses;

const reinstallInput = z.object({
  communityId: z.int().positive(),
  cause: z.enum(Object.keys(reinstallCauses) as [ReinstallCause, ...ReinstallCause[]]),
});

export interface ReinstallResult {
  /** False when the community was ACTIVE already: nothing changed and nothing was recorded. */
  readonly reinstalled: boolean;
  /** Whether it was an owner's uninstall being undone (rather than lost access coming back). */
  readonly wasUninstalled: boolean;
}

/**
 * The program comes back in a community: it becomes ACTIVE again and the
 * owner's uninstall, if that is why it was INACTIVE, is cleared. Nothing else
 * is restored: mentorships ended by the uninstall stay ended, as their members
 * were told. Only the system may call it, for a platform event or the
 * operator's command; the audit log records it as `community.reinstalled`
 * with no acting member and the cause.
 */
export async function reinstallCommunity(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { communityId: number; cause: ReinstallCause },
): Promise<Outcome<ReinstallResult>> {
  const denied = authorize(actor, 'community.reinstall');
  if (denied) return denied;
  // The platform or the operator's command supplies these: bad values are a bug in the caller.
  const { communityId, cause } = reinstallInput.parse(input);

  return deps.db.transaction().execute(async (trx) => {
    // Locked, so a concurrent uninstall either finishes first (and is undone here) or waits and finds the community ACTIVE.
    const row = await trx.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', communityId).forUpdate().executeTakeFirst();
    if (!row) return fail('not-found', `No community has the id ${communityId}.`);
    if (row.status === 'ACTIVE') return ok({ reinstalled: false, wasUninstalled: false });
    const wasUninstalled = row.uninstalled_at !== null;
    await trx.updateTable('communities').set({ status: 'ACTIVE', uninstalled_at: null, updated_at: deps.clock.now() }).where('id', '=', communityId).execute();
    await trx
      .insertInto('audit_log')
      .values({
        community_id: communityId,
        actor_member_id: null,
        action: 'community.reinstalled',
        target_type: 'community',
        target_id: String(communityId),
        details: JSON.stringify({ cause, why: reinstallCauses[cause], wasUninstalled }),
      })
      .execute();
    return ok({ reinstalled: true, wasUninstalled });
  });
}
