import type { Kysely } from 'kysely';
import type { OutboxItem } from '../ports/delivery.js';
import type { Database, Platform } from '../store/database.js';

/** A row this worker holds until `leaseUntil`; `claimToken` proves it when the outcome is recorded. */
export interface ClaimedItem extends OutboxItem {
  readonly claimToken: string;
  readonly leaseUntil: Date;
  /** When the row was due before the claim moved it: delivery order within a batch. */
  readonly dueAt: Date;
}

export interface ClaimRequest {
  /** Unique per claim (worker id and a counter), stored in `locked_by`. */
  readonly claimToken: string;
  /** Only rows of communities on these platforms: a platform with no delivery wired is left alone. */
  readonly platforms: readonly Platform[];
  readonly now: Date;
  readonly leaseMs: number;
  readonly limit: number;
}

/**
 * Claims up to `limit` due rows in one statement: it selects them with
 * `FOR UPDATE OF outbox SKIP LOCKED` (concurrent workers skip each other's rows
 * instead of waiting) and, in the same statement, stamps the lease.
 *
 * The lease also moves `due_at` to its end. A claimed row is thereby simply
 * "not due" until then, so the idle poll and the claim only ever read the
 * partial index `outbox_due_idx (due_at) where status = 'PENDING'`, and a row
 * whose worker died becomes due, and claimable again, when the lease runs out,
 * with no sweeper and no second index.
 *
 * Rows without a community (none are written today) have no platform and are
 * never claimed.
 */
export async function claimDue(db: Kysely<Database>, request: ClaimRequest): Promise<ClaimedItem[]> {
  if (request.platforms.length === 0 || request.limit < 1) return [];
  const leaseUntil = new Date(request.now.getTime() + request.leaseMs);
  const rows = await claimDueQuery(db, request, leaseUntil).execute();
  return rows
    .map((row) => ({
      id: row.id,
      // The inner join guarantees a community.
      communityId: row.community_id!,
      platform: row.platform,
      kind: row.kind,
      payload: row.payload,
      dedupeKey: row.dedupe_key,
      attempts: row.attempts,
      claimToken: request.claimToken,
      leaseUntil,
      dueAt: row.previous_due_at,
    }))
    .sort((left, right) => left.dueAt.getTime() - right.dueAt.getTime() || left.id - right.id);
}

/**
 * Whether any pending row is due: the dispatcher's idle poll, run before the
 * claim. An ordered walk of the partial index that stops at the first entry,
 * so it costs about a round trip however large the table, and it never
 * writes; the claim, which plans a join, a sort and row locks, runs only when
 * there is something to claim.
 */
export async function anyDue(db: Kysely<Database>, now: Date): Promise<boolean> {
  return (await anyDueQuery(db, now).executeTakeFirst()) !== undefined;
}

/** The idle poll unexecuted, for the bench's EXPLAIN. */
export function anyDueQuery(db: Kysely<Database>, now: Date) {
  // ORDER BY due_at LIMIT 1 matches the index order: the planner walks the index and stops, whatever its row estimates.
  return db.selectFrom('outbox').select('due_at').where('status', '=', 'PENDING').where('due_at', '<=', now).orderBy('due_at').limit(1);
}

/** The claim statement itself, unexecuted: the bench EXPLAINs it to show the partial index at work. */
export function claimDueQuery(db: Kysely<Database>, request: ClaimRequest, leaseUntil: Date) {
  return db
    .with('due', (query) =>
      query
        .selectFrom('outbox')
        .innerJoin('communities', 'communities.id', 'outbox.community_id')
        .select(['outbox.id', 'outbox.due_at', 'communities.platform'])
        .where('outbox.status', '=', 'PENDING')
        .where('outbox.due_at', '<=', request.now)
        .where('communities.platform', 'in', request.platforms)
        .orderBy('outbox.due_at')
        .limit(request.limit)
        // Lock only the outbox rows: locking communities would make workers skip a whole community.
        .forUpdate('outbox')
        .skipLocked(),
    )
    .updateTable('outbox')
    .from('due')
    .set({ locked_by: request.claimToken, locked_until: leaseUntil, due_at: leaseUntil })
    .whereRef('outbox.id', '=', 'due.id')
    .returning([
      'outbox.id',
      'outbox.community_id',
      'outbox.kind',
      'outbox.payload',
      'outbox.dedupe_key',
      'outbox.attempts',
      'due.platform',
      'due.due_at as previous_due_at',
    ]);
}
