import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CoreDeps } from '../deps.js';
import { enqueue } from '../outbox/enqueue.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate } from '../reply.js';

export const contactForm = z.object({
  name: z.string().trim().min(1, 'Tell us your name.').max(80, 'Keep your name under 80 characters.'),
  replyTo: z.string().trim().max(120, 'Keep this under 120 characters.').default(''),
  message: z.string().trim().min(10, 'Write at least a sentence (10 characters).').max(2000, 'Keep the message under 2,000 characters.'),
});

/**
 * Someone on the public contact page writes to the program's admins. There is
 * no new table: the message goes out as a direct message to each active admin
 * and owner through the outbox, and the outbox prunes delivered rows, so the
 * text is not kept once it has reached them. No policy row: the sender is an
 * anonymous visitor (the site rate-limits the form and filters bots).
 */
export async function contactAdmins(deps: CoreDeps, input: { communityId: number; values: Record<string, unknown> }): Promise<Outcome<{ recipients: number }>> {
  const parsed = contactForm.safeParse(input.values);
  if (!parsed.success) return invalidInput(parsed.error, 'Some answers need fixing.', { form: true });
  const { name, replyTo, message } = parsed.data;
  return deps.db.transaction().execute(async (trx) => {
    const community = await trx.selectFrom('communities').select(['id']).where('id', '=', input.communityId).where('status', '=', 'ACTIVE').executeTakeFirst();
    if (!community) return fail('not-found', 'There is no such community.');
    const admins = await trx
      .selectFrom('members')
      .select('id')
      .where('community_id', '=', community.id)
      .where('role', 'in', ['ADMIN', 'OWNER'])
      .where('status', '=', 'ACTIVE')
      .where('erased_at', 'is', null)
      .execute();
    const contactId = randomUUID();
    const body = [
      `${truncate(name, 80)} wrote through the program's contact page`,
      replyTo ? ` (reply to: ${truncate(replyTo, 120)})` : ' (no reply address given)',
      `:\n\n${message}`,
    ];
    for (const admin of admins) {
      await enqueue(trx, {
        communityId: community.id,
        kind: 'dm',
        payload: { recipientMemberId: admin.id, message: privateMessage(body, { title: 'Message from the contact page' }) },
        dedupeKey: `contact:${contactId}:${admin.id}`,
      });
    }
    return ok({ recipients: admins.length });
  });
}
