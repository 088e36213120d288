import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';

export interface SlotClaim {
  readonly job: string;
  readonly slot: string;
  readonly replicaId: string;
  readonly now: Date;
  /** A claim not finished by then is presumed dead with its replica and may be taken over. */
  readonly abandonedBefore: Date;
  /** A run that failed before then may be tried again. */
  readonly failedBefore: Date;
}

/**
 * Claims one run of a job: the replica whose insert of (job, slot) lands runs
 * it; every other gets false. The primary key makes this exact however many
 * replicas tick at once.
 *
 * Two kinds of existing row can be taken over, by exactly one replica (the
 * conditional upsert locks the row, and the loser re-reads it already taken):
 * a run claimed long ago and never finished (its replica died mid-run), and a
 * run that failed a while ago (retried while its slot is still the latest).
 */
export async function claimSlot(db: Kysely<Database>, claim: SlotClaim): Promise<boolean> {
  const result = await sql<{ job: string }>`
    insert into job_runs (job, slot, claimed_by, claimed_at)
    values (${claim.job}, ${claim.slot}, ${claim.replicaId}, ${claim.now})
    on conflict (job, slot) do update
      set claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, finished_at = null, error = null
      where (job_runs.finished_at is null and job_runs.claimed_at < ${claim.abandonedBefore})
         or (job_runs.error is not null and job_runs.finished_at < ${claim.failedBefore})
    returning job`.execute(db);
  return result.rows.length > 0;
}

/** Records the end of a run this replica claimed; `error` null means it succeeded. */
export async function finishSlot(
  db: Kysely<Database>,
  run: { readonly job: string; readonly slot: string; readonly replicaId: string; readonly finishedAt: Date; readonly error: string | null },
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: run.finishedAt, error: run.error })
    .where('job', '=', run.job)
    .where('slot', '=', run.slot)
    .where('claimed_by', '=', run.replicaId)
    .execute();
}

/**
 * Deletes finished runs older than `keepDays`. Only a job's latest slot is
 * ever claimed, and the longest period is a month, so anything older than
 * that can go; 60 days keeps a margin for reading the history.
 */
export async function pruneJobRuns(db: Kysely<Database>, now: Date, keepDays = 60): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  const deleted = await db.deleteFrom('job_runs').where('finished_at', '<', before).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
