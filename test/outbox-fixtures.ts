import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { OutboxDispatcher } from '../core/outbox/dispatcher.js';
import type { Database } from '../core/store/database.js';

/**
 * Queues `count` direct messages keyed `${prefix}:${i}`, all due at `dueAt`
 * (required: the column's default is the database's real now, not the test's clock).
 */
export async function queueMessages(
  db: Kysely<Database>,
  communityId: number,
  count: number,
  options: { dueAt: Date; prefix?: string },
): Promise<string[]> {
  const prefix = options.prefix ?? `message-${communityId}`;
  const keys = Array.from({ length: count }, (_, index) => `${prefix}:${index}`);
  for (let start = 0; start < keys.length; start += 1_000) {
    await db
      .insertInto('outbox')
      .values(
        keys.slice(start, start + 1_000).map((key) => ({
          community_id: communityId,
          kind: 'dm',
          payload: JSON.stringify({ recipientMemberId: 1, message: { kind: 'message', visibility: 'private', body: [key] } }),
          dedupe_key: key,
          due_at: options.dueAt,
        })),
      )
      .execute();
  }
  return keys;
}

/**
 * Delivers everything due, as the running dispatcher would, batch after
 * batch; fails when a row goes dead or when the outbox keeps finding work.
 */
export async function drainOutbox(dispatcher: OutboxDispatcher): Promise<void> {
  for (let batch = 0; batch < 10; batch++) {
    const report = await dispatcher.runOnce();
    expect(report.dead).toBe(0);
    if (report.claimed === 0) return;
  }
  throw new Error('the outbox kept finding work after 10 batches');
}
