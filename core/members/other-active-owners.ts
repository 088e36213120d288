import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/**
 * How many ACTIVE owners the community has besides `memberId`, locking their
 * rows so two owners cannot each step down at once and leave none.
 */
export async function countOtherActiveOwners(db: Kysely<Database>, communityId: number, memberId: number): Promise<number> {
  const owners = await db
    .selectFrom('members')
    .select('id')
    .where('community_id', '=', communityId)
    .where('role', '=', 'OWNER')
    .where('status', '=', 'ACTIVE')
    .where('id', '!=', memberId)
    .forUpdate()
    .execute();
  return owners.length;
}
