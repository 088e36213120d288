import type { Kysely } from 'kysely';
import type { Database, SuggestionStatus } from '../store/database.js';
import type { Reason } from './score.js';

export interface StoredSuggestion {
  readonly id: number;
  readonly mentorId: number;
  readonly menteeId: number;
  readonly roundId: number | null;
  readonly score: number;
  readonly reasons: readonly Reason[];
  readonly status: SuggestionStatus;
}

const columns = ['id', 'mentor_id', 'mentee_id', 'matching_round_id', 'score', 'reasons', 'status'] as const;

/**
 * Records that a pair was suggested. A pair has at most one PENDING suggestion (a partial unique
 * index), so showing it again refreshes that one's score, reasons and round instead of adding another.
 *
 * @returns the suggestion's id.
 */
export async function savePendingSuggestion(
  db: Kysely<Database>,
  input: { communityId: number; mentorId: number; menteeId: number; score: number; reasons: readonly Reason[]; roundId: number | null },
): Promise<number> {
  const reasons = JSON.stringify(input.reasons);
  const row = await db
    .insertInto('suggestions')
    .values({ community_id: input.communityId, mentor_id: input.mentorId, mentee_id: input.menteeId, score: input.score, reasons, matching_round_id: input.roundId })
    .onConflict((conflict) =>
      conflict
        .columns(['mentor_id', 'mentee_id'])
        .where('status', '=', 'PENDING')
        .doUpdateSet((eb) => ({ score: input.score, reasons, matching_round_id: input.roundId ?? eb.ref('suggestions.matching_round_id') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A suggestion `memberId` is part of (either side), in their community; null for anyone else's. */
export async function findOwnSuggestion(
  db: Kysely<Database>,
  communityId: number,
  suggestionId: number,
  memberId: number,
  options: { lock?: boolean } = {},
): Promise<StoredSuggestion | null> {
  let query = db
    .selectFrom('suggestions')
    .select(columns)
    .where('community_id', '=', communityId)
    .where('id', '=', suggestionId)
    .where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)]));
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row
    ? { id: row.id, mentorId: row.mentor_id, menteeId: row.mentee_id, roundId: row.matching_round_id, score: row.score, reasons: row.reasons as Reason[], status: row.status }
    : null;
}

export async function answerSuggestion(db: Kysely<Database>, suggestionId: number, status: 'ACCEPTED' | 'DECLINED', memberId: number, now: Date): Promise<void> {
  await db
    .updateTable('suggestions')
    .set({ status, responded_at: now, declined_by: status === 'DECLINED' ? memberId : null })
    .where('id', '=', suggestionId)
    .execute();
}

export interface MemberName {
  readonly platformUserId: string;
  readonly displayName: string;
}

/** Names and platform ids of some members of one community, for replies. */
export async function memberNames(db: Kysely<Database>, communityId: number, memberIds: readonly number[]): Promise<Map<number, MemberName>> {
  if (memberIds.length === 0) return new Map();
  const names = new Map<number, MemberName>();
  // Chunked: a round can name thousands of members and a statement takes at most 65,535 parameters.
  for (let from = 0; from < memberIds.length; from += 10_000) {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'platform_user_id', 'display_name'])
      .where('community_id', '=', communityId)
      .where('id', 'in', memberIds.slice(from, from + 10_000))
      .execute();
    for (const row of rows) names.set(row.id, { platformUserId: row.platform_user_id, displayName: row.display_name });
  }
  return names;
}

/** Names of the community's skills by id, archived ones included (old reasons may name them). */
export async function skillNames(db: Kysely<Database>, communityId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('skills').select(['id', 'name']).where('community_id', '=', communityId).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
