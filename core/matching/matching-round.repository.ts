import { sql, type Kysely } from 'kysely';
import type { Database, MatchingRoundStatus } from '../store/database.js';

export interface MatchingRound {
  readonly id: number;
  readonly communityId: number;
  readonly status: MatchingRoundStatus;
  readonly scheduledFor: Date;
  readonly totalScore: number | null;
  readonly stats: Record<string, unknown>;
  readonly completedAt: Date | null;
}

/** Rounds that have not run yet. */
export const openRoundStatuses: readonly MatchingRoundStatus[] = ['SCHEDULED', 'PREVIEWED'];

const columns = ['id', 'community_id', 'status', 'scheduled_for', 'total_score', 'stats', 'completed_at'] as const;

type RoundRow = { id: number; community_id: number; status: MatchingRoundStatus; scheduled_for: Date; total_score: number | null; stats: Record<string, unknown>; completed_at: Date | null };

function toRound(row: RoundRow): MatchingRound {
  return {
    id: row.id,
    communityId: row.community_id,
    status: row.status,
    scheduledFor: row.scheduled_for,
    totalScore: row.total_score,
    stats: row.stats,
    completedAt: row.completed_at,
  };
}

/** A round of one community (any community when `communityId` is null: system callers know only the id). */
export async function findRound(db: Kysely<Database>, communityId: number | null, roundId: number, options: { lock?: boolean } = {}): Promise<MatchingRound | null> {
  let query = db.selectFrom('matching_rounds').select(columns).where('id', '=', roundId);
  if (communityId !== null) query = query.where('community_id', '=', communityId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRound(row) : null;
}

/** The community's next round that has not run, earliest first. */
export async function findNextOpenRound(db: Kysely<Database>, communityId: number): Promise<MatchingRound | null> {
  const row = await db
    .selectFrom('matching_rounds')
    .select(columns)
    .where('community_id', '=', communityId)
    .where('status', 'in', openRoundStatuses)
    .orderBy('scheduled_for')
    .orderBy('id')
    .executeTakeFirst();
  return row ? toRound(row) : null;
}

/**
 * The round a scheduler tick should run now: the earliest open one whose time has come. What the
 * community's matching job calls before `runRound`.
 */
export async function findDueRound(db: Kysely<Database>, communityId: number, now: Date): Promise<MatchingRound | null> {
  const round = await findNextOpenRound(db, communityId);
  return round && round.scheduledFor <= now ? round : null;
}

/** When the community's last round ran (or was due), for spacing the next one. */
export async function lastCompletedRoundTime(db: Kysely<Database>, communityId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('matching_rounds')
    .select('scheduled_for')
    .where('community_id', '=', communityId)
    .where('status', '=', 'COMPLETED')
    .orderBy('scheduled_for', 'desc')
    .executeTakeFirst();
  return row?.scheduled_for ?? null;
}

export async function insertRound(
  db: Kysely<Database>,
  input: { communityId: number; status: MatchingRoundStatus; scheduledFor: Date; startedBy: number | null },
): Promise<MatchingRound> {
  const row = await db
    .insertInto('matching_rounds')
    .values({ community_id: input.communityId, status: input.status, scheduled_for: input.scheduledFor, started_by: input.startedBy })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toRound(row);
}

export async function updateRound(
  db: Kysely<Database>,
  roundId: number,
  changes: { status: MatchingRoundStatus; stats: Record<string, unknown>; totalScore: number; startedBy?: number | null; completedAt?: Date },
): Promise<void> {
  await db
    .updateTable('matching_rounds')
    .set({
      status: changes.status,
      stats: JSON.stringify(changes.stats),
      total_score: changes.totalScore,
      ...(changes.startedBy !== undefined ? { started_by: changes.startedBy } : {}),
      ...(changes.completedAt ? { completed_at: changes.completedAt } : {}),
    })
    .where('id', '=', roundId)
    .execute();
}

export async function skippedMembers(db: Kysely<Database>, roundId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('matching_round_skips').select('member_id').where('round_id', '=', roundId).execute();
  return new Set(rows.map((row) => row.member_id));
}

/**
 * Members of the community who turned match suggestions off in their notification settings
 * (`channels.suggestions` is 'off'; absent means 'dm'). Rounds leave them out: see `planRound`.
 */
export async function membersWithSuggestionsOff(db: Kysely<Database>, communityId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('members')
    .select('id')
    .where('community_id', '=', communityId)
    .where(sql<string>`notification_preferences #>> '{channels,suggestions}'`, '=', 'off')
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** @returns whether the skip is new. */
export async function addSkip(db: Kysely<Database>, roundId: number, memberId: number): Promise<boolean> {
  const row = await db
    .insertInto('matching_round_skips')
    .values({ round_id: roundId, member_id: memberId })
    .onConflict((conflict) => conflict.columns(['round_id', 'member_id']).doNothing())
    .returning('member_id')
    .executeTakeFirst();
  return row !== undefined;
}
