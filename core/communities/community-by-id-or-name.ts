import type { Kysely } from 'kysely';
import { fail, ok, type Outcome } from '../outcome.js';
import type { Database, Platform } from '../store/database.js';

/** A community as the operator's commands name it. */
export interface NamedCommunity {
  readonly id: number;
  readonly name: string;
  readonly platform: Platform;
}

/**
 * The community an operator's command (`npm run admin:link`, `npm run
 * community:reinstall`) names: by id, or by its exact name (case-insensitive;
 * an ambiguous name is refused, naming the ids to choose from).
 */
export async function communityByIdOrName(db: Kysely<Database>, given: string): Promise<Outcome<NamedCommunity>> {
  const wanted = given.trim();
  const communities = await db
    .selectFrom('communities')
    .select(['id', 'name', 'platform'])
    .where((eb) => (/^\d{1,15}$/.test(wanted) ? eb.or([eb('id', '=', Number(wanted)), eb(eb.fn('lower', ['name']), '=', wanted.toLowerCase())]) : eb(eb.fn('lower', ['name']), '=', wanted.toLowerCase())))
    .orderBy('id')
    .execute();
  const byId = communities.find((community) => String(community.id) === wanted);
  const community = byId ?? (communities.length === 1 ? communities[0] : undefined);
  if (community) return ok(community);
  return communities.length > 1
    ? fail('conflict', `Several communities are named "${wanted}" (ids ${communities.map((row) => row.id).join(', ')}): give the id instead.`)
    : fail('not-found', `No community has the id or name "${wanted}".`);
}
