import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../adapters/db/open-database.js';
import { migrateToLatest } from '../adapters/db/migrator.js';
import { loadConfig } from '../bot/config.js';
import { systemClock } from '../core/ports/clock.js';
import { anyDueQuery, claimDue, claimDueQuery } from '../core/outbox/claim-due.js';
import { createOutboxDispatcher } from '../core/outbox/dispatcher.js';
import { platformRateLimits } from '../core/outbox/rate-pacer.js';
import type { Database } from '../core/store/database.js';
import { createFakePlatform } from '../test/fake-platform.js';

export interface OutboxBenchOptions {
  /** Rows in the table before measuring (mostly SENT, some DEAD, some pending but not due). Default 100,000. */
  rows?: number;
  idlePolls?: number;
  claimRows?: number;
  claimRepetitions?: number;
  /** Messages to drain through a fake platform enforcing Discord's 50 requests/s; 0 skips the drain. */
  drainMessages?: number;
  /** PostgreSQL server to bench on (a scratch database is created and dropped); PGlite in a temp directory otherwise. */
  databaseUrl?: string | undefined;
}

export interface OutboxBenchResult {
  database: 'pglite' | 'postgres';
  rows: number;
  seedMs: number;
  /** This machine against the brief's (SELECT 1: 0.14 ms; UPDATE of 100,000 rows: 0.39 s), to scale the targets. */
  calibration: { selectOneP50Ms: number; update100kMs: number };
  idlePoll: { polls: number; p50Ms: number; p99Ms: number; plan: string[] };
  claim: { rows: number; runsMs: number[]; p50Ms: number; plan: string[] };
  drain?: { messages: number; elapsedMs: number; minimumMs: number; ratio: number; tooManyRequests: number; deliveredExactlyOnce: boolean };
}

const percentile = (values: readonly number[], fraction: number) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
};

/**
 * Measures the outbox's hot paths on a fresh migrated database: the idle poll
 * (nothing due) on a large table, claiming a batch of due rows, and optionally
 * draining a backlog through a platform that answers 429 above 50 requests
 * per second.
 */
export async function runOutboxBench(options: OutboxBenchOptions = {}): Promise<OutboxBenchResult> {
  const { rows = 100_000, idlePolls = 500, claimRows = 1_000, claimRepetitions = 9, drainMessages = 0 } = options;
  const scratch = await openScratchDatabase(options.databaseUrl);
  try {
    const { db } = scratch.handle;
    const community = await db.insertInto('communities').values({ platform: 'discord', external_id: 'bench', name: 'Bench' }).returning('id').executeTakeFirstOrThrow();

    let started = performance.now();
    await seed(db, community.id, rows);
    const seedMs = performance.now() - started;

    const calibration = await calibrate(db);

    // The idle poll as the dispatcher runs it: one runOnce with nothing due.
    const now = new Date();
    const idleDispatcher = createOutboxDispatcher({ db, clock: { now: () => now }, deliveries: [createFakePlatform()], workerId: 'bench-idle' });
    const plan = (await anyDueQuery(db, now).explain()).map((row) => String(row['QUERY PLAN']));
    for (let warm = 0; warm < 50; warm++) await idleDispatcher.runOnce();
    const pollsMs: number[] = [];
    for (let poll = 0; poll < idlePolls; poll++) {
      started = performance.now();
      const report = await idleDispatcher.runOnce();
      pollsMs.push(performance.now() - started);
      if (report.claimed > 0) throw new Error('the idle poll claimed rows: the seed left something due');
    }
    const request = { claimToken: 'bench#claim', platforms: ['discord' as const], now, leaseMs: 60_000, limit: claimRows };

    await db
      .insertInto('outbox')
      .columns(['community_id', 'kind', 'payload', 'dedupe_key', 'due_at'])
      .expression(
        sql`select ${community.id}::bigint, 'dm', '{"recipientMemberId":1}'::jsonb, 'claim:' || n, ${new Date(now.getTime() - 60_000)}::timestamptz
            from generate_series(1, ${claimRows}::int) n`,
      )
      .execute();
    await sql`analyze outbox`.execute(db);
    const claimPlan = (await claimDueQuery(db, request, new Date(now.getTime() + 60_000)).explain()).map((row) => String(row['QUERY PLAN']));
    const runsMs: number[] = [];
    for (let run = 0; run < claimRepetitions; run++) {
      started = performance.now();
      const claimed = await claimDue(db, { ...request, claimToken: `bench#claim${run}`, limit: claimRows });
      runsMs.push(performance.now() - started);
      if (claimed.length !== claimRows) throw new Error(`claimed ${claimed.length} of ${claimRows}`);
      await db.updateTable('outbox').set({ due_at: new Date(now.getTime() - 60_000), locked_by: null, locked_until: null }).where('dedupe_key', 'like', 'claim:%').execute();
    }
    await db.deleteFrom('outbox').where('dedupe_key', 'like', 'claim:%').execute();

    const result: OutboxBenchResult = {
      database: scratch.handle.kind,
      rows,
      seedMs,
      calibration,
      idlePoll: { polls: idlePolls, p50Ms: percentile(pollsMs, 0.5), p99Ms: percentile(pollsMs, 0.99), plan },
      claim: { rows: claimRows, runsMs, p50Ms: percentile(runsMs, 0.5), plan: claimPlan },
    };
    if (drainMessages > 0) result.drain = await drain(db, community.id, drainMessages);
    return result;
  } finally {
    await scratch.close();
  }
}

/** The brief's two reference measurements, taken here. */
async function calibrate(db: Kysely<Database>): Promise<OutboxBenchResult['calibration']> {
  const selects: number[] = [];
  for (let run = 0; run < 520; run++) {
    const started = performance.now();
    await sql`select 1`.execute(db);
    if (run >= 20) selects.push(performance.now() - started);
  }
  await sql`create table bench_calibration (id int primary key, value int not null)`.execute(db);
  await sql`insert into bench_calibration select n, 0 from generate_series(1, 100000) n`.execute(db);
  const started = performance.now();
  await sql`update bench_calibration set value = value + 1`.execute(db);
  const update100kMs = performance.now() - started;
  await sql`drop table bench_calibration`.execute(db);
  return { selectOneP50Ms: percentile(selects, 0.5), update100kMs };
}

/** SENT 90 %, DEAD 2 %, pending but due only tomorrow 8 %: a busy table with nothing to do. */
async function seed(db: Kysely<Database>, communityId: number, rows: number): Promise<void> {
  await db
    .insertInto('outbox')
    .columns(['community_id', 'kind', 'payload', 'dedupe_key', 'status', 'due_at', 'attempts', 'last_error', 'sent_at'])
    .expression(
      sql`select ${communityId}::bigint, 'dm', '{"recipientMemberId":1,"message":{"kind":"message","visibility":"private","body":["hello"]}}'::jsonb,
            'seed:' || n,
            case when n % 50 = 0 then 'DEAD' when n % 100 < 8 then 'PENDING' else 'SENT' end,
            case when n % 100 < 8 and n % 50 <> 0 then now() + interval '1 day' + n * interval '1 second' else now() - n * interval '1 second' end,
            case when n % 50 = 0 then 8 else 0 end,
            case when n % 50 = 0 then 'Unknown User' end,
            case when n % 50 <> 0 and n % 100 >= 8 then now() - n * interval '1 second' end
          from generate_series(1, ${rows}::int) n`,
    )
    .execute();
  await sql`analyze outbox`.execute(db);
}

async function drain(db: Kysely<Database>, communityId: number, messages: number): Promise<NonNullable<OutboxBenchResult['drain']>> {
  const due = new Date(Date.now() - 1_000);
  await db
    .insertInto('outbox')
    .columns(['community_id', 'kind', 'payload', 'dedupe_key', 'due_at'])
    .expression(sql`select ${communityId}::bigint, 'dm', '{"recipientMemberId":1}'::jsonb, 'drain:' || n, ${due}::timestamptz from generate_series(1, ${messages}::int) n`)
    .execute();
  const discord = platformRateLimits.discord;
  const platform = createFakePlatform({ rateLimit: discord });
  const dispatcher = createOutboxDispatcher({ db, clock: systemClock, deliveries: [platform], workerId: 'bench', idleMs: 50 });
  const started = performance.now();
  dispatcher.start();
  while (platform.delivered.length < messages) await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsedMs = (platform.attempts.at(-1)?.at ?? performance.now()) - started;
  await dispatcher.stop();
  const minimumMs = (messages / discord.limit) * discord.windowMs;
  const counts = platform.countsByKey();
  return {
    messages,
    elapsedMs,
    minimumMs,
    ratio: elapsedMs / minimumMs,
    tooManyRequests: platform.tooManyRequests(),
    deliveredExactlyOnce: counts.size === messages && [...counts.values()].every((count) => count === 1),
  };
}

async function openScratchDatabase(databaseUrl: string | undefined): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  if (!databaseUrl) {
    const directory = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
    const handle = await openDatabase({ dataDir: directory });
    await migrateToLatest(handle.db);
    return {
      handle,
      async close() {
        await handle.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const name = `outbox_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', connectAttempts: 1 });
  await migrateToLatest(handle.db);
  return {
    handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: databaseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

function report(result: OutboxBenchResult): void {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} x${cpus().length}, node ${process.version}; database: ${result.database}`);
  const { calibration } = result;
  console.log(
    `calibration: SELECT 1 p50 ${ms(calibration.selectOneP50Ms)} (brief: 0.14 ms), UPDATE of 100,000 rows ${(calibration.update100kMs / 1000).toFixed(2)} s (brief: 0.39 s)`,
  );
  console.log(`seeded ${result.rows.toLocaleString('en')} outbox rows in ${(result.seedMs / 1000).toFixed(1)} s`);
  console.log(`idle poll (nothing due): p50 ${ms(result.idlePoll.p50Ms)}, p99 ${ms(result.idlePoll.p99Ms)} over ${result.idlePoll.polls} polls (target p50 <= 1 ms)`);
  const indexLine = (plan: string[]) => plan.find((line) => line.includes('outbox_due_idx'))?.trim() ?? 'outbox_due_idx NOT USED';
  console.log(`  plan: ${indexLine(result.idlePoll.plan)}`);
  console.log(
    `claim ${result.claim.rows.toLocaleString('en')} due rows: p50 ${ms(result.claim.p50Ms)} over ${result.claim.runsMs.length} runs ` +
      `[${result.claim.runsMs.map((run) => run.toFixed(0)).join(', ')}] (target <= 50 ms)`,
  );
  console.log(`  plan: ${indexLine(result.claim.plan)}`);
  if (result.drain) {
    const { drain } = result;
    console.log(
      `drain ${drain.messages.toLocaleString('en')} messages at 50 req/s: ${(drain.elapsedMs / 1000).toFixed(1)} s ` +
        `= ${drain.ratio.toFixed(3)} x the ${(drain.minimumMs / 1000).toFixed(0)} s minimum (target <= 1.1); ` +
        `429s: ${drain.tooManyRequests}; each delivered exactly once: ${drain.deliveredExactlyOnce}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  // --drain: the full 10,000-message drain (about 200 s); --drain-quick: 1,000 messages (about 20 s).
  const drainMessages = args.includes('--drain') ? 10_000 : args.includes('--drain-quick') ? 1_000 : 0;
  const result = await runOutboxBench({ drainMessages, databaseUrl: loadConfig().databaseUrl });
  report(result);
  const failed =
    result.idlePoll.p50Ms > 1 ||
    result.claim.p50Ms > 50 ||
    !result.idlePoll.plan.some((line) => line.includes('outbox_due_idx')) ||
    (result.drain !== undefined && (result.drain.ratio > 1.1 || result.drain.tooManyRequests > 0 || !result.drain.deliveredExactlyOnce));
  if (failed) process.exitCode = 1;
}
