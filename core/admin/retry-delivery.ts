import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { retryDeadLetter } from '../outbox/dead-letters.js';
import { ok, type Outcome } from '../outcome.js';
import { recordAudit } from './record-audit.js';

/**
 * An admin puts a message the dispatcher gave up on back in the queue (after
 * fixing what made it fail, e.g. the bot's channel permissions), audited.
 */
export async function retryDelivery(deps: CoreDeps, actor: Actor, input: { outboxId: number }): Promise<Outcome<{ id: number }>> {
  const auth = authorizeMember(actor, 'outbox.retry');
  if (!auth.ok) return auth;
  return deps.db.transaction().execute(async (trx) => {
    const retried = await retryDeadLetter(trx, auth.value.communityId, input.outboxId, deps.clock.now());
    if (!retried.ok) return retried;
    await recordAudit(trx, auth.value, { action: 'outbox.retried', targetType: 'outbox', targetId: retried.value.id });
    return ok(retried.value);
  });
}
