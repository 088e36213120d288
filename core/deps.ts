import type { Kysely } from 'kysely';
import type { Clock } from './ports/clock.js';
import type { Database } from './store/database.js';

/**
 * What use cases need from the outside. Each use case takes this small object
 * (or the part of it it uses); later features add fields here rather than
 * injecting repositories one by one.
 */
export interface CoreDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
}
