import os from 'node:os';
import { runMatchingRoundBench } from './matching-round.bench.js';
import { runOutboxBench } from './outbox.bench.js';
import { runSuggestionsBench } from './suggestions.bench.js';
import { loadConfig } from '../bot/config.js';

/**
 * `npm run bench [-- --only name,name] [--drain]`: runs the benchmarks one after the
 * other and prints their numbers as JSON, with the machine they ran on.
 * Record the results in BENCHMARKS.md with the date.
 */
type Bench = { name: string; run: () => Promise<unknown> | unknown };

const benches: Bench[] = [
  { name: 'matching-round', run: () => runMatchingRoundBench() },
  { name: 'suggestions', run: () => runSuggestionsBench() },
  // The full drain (10,000 messages at Discord's 50/s) takes about 200 s: add --drain for it.
  { name: 'outbox', run: () => runOutboxBench({ databaseUrl: loadConfig().databaseUrl, drainMessages: process.argv.includes('--drain') ? 10_000 : 0 }) },
];

function selected(argv: string[]): Bench[] {
  const index = argv.indexOf('--only');
  if (index === -1) return benches;
  const names = new Set((argv[index + 1] ?? '').split(',').filter(Boolean));
  const unknown = [...names].filter((name) => !benches.some((bench) => bench.name === name));
  if (unknown.length > 0) throw new Error(`unknown bench: ${unknown.join(', ')} (known: ${benches.map((bench) => bench.name).join(', ')})`);
  return benches.filter((bench) => names.has(bench.name));
}

async function main(): Promise<void> {
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  console.log(JSON.stringify({ date: new Date().toISOString(), machine }));
  for (const bench of selected(process.argv.slice(2))) {
    const started = performance.now();
    const result = await bench.run();
    console.log(JSON.stringify({ bench: bench.name, elapsedMs: Math.round(performance.now() - started), result }));
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
