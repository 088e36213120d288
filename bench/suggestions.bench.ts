import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrateToLatest } from '../adapters/db/migrator.js';
import { wrapPglite } from '../adapters/db/open-database.js';
import { generateSyntheticCommunity } from '../bot/seed/synthetic-community.js';
import type { SparseAssignmentProblem } from '../core/matching/assignment-problem.js';
import { MatchingIndex } from '../core/matching/matching-index.js';
import { loadMatchingIndex } from '../core/matching/matching-index-cache.js';
import { scoreWeights } from '../core/matching/matching-settings.js';
import { ExcludedPairs, matchingFingerprint } from '../core/matching/matching.repository.js';
import { generateMatchingMembers } from '../core/matching/member-generator.js';
import { planRound } from '../core/matching/round-plan.js';
import { createSeededRandom } from '../core/matching/seeded-random.js';
import { solveWithScipy } from './scipy.js';

const weights = scoreWeights.parse({});
const limits = { perMentor: 3, perMentee: 1 };

export type LatencySummary = { queries: number; p50Ms: number; p99Ms: number; maxMs: number; meanCandidatesReturned: number };

export type SuggestionsBenchResult = {
  inMemory: { members: number; skills: number; generateMs: number; indexBuildMs: number; mentorQueries: LatencySummary; menteeQueries: LatencySummary }[];
  fromDatabase: { members: number; seedMs: number; loadAndBuildMs: number[]; fingerprintMs: number; query: LatencySummary } | { skipped: string };
  round: {
    mentees: number;
    mentors: number;
    capacity: number;
    generateMs: number;
    indexBuildMs: number;
    planMs: number;
    endToEndMs: number;
    solveMs: number;
    allowedPairs: number;
    matched: number;
    total: number;
    greedy: { total: number; lossPercent: number };
    scipy: { available: false; reason: string } | { available: true; total: number; solveMs: number; totalsMatch: boolean };
  };
};

/**
 * `npm run bench -- --only suggestions`: the best 10 suggestions for one member among 10,000 and
 * 100,000 members (index in memory; 1,000 timed queries each way after a warm-up), the index loaded from
 * a PGlite seeded with 10,000 synthetic members, and a round of 5,000 mentees x 2,000 mentors with 3
 * seats each, from profiles to the exact optimum, checked against scipy.
 */
export async function runSuggestionsBench(options: { sizes?: number[]; databaseMembers?: number; queries?: number } = {}): Promise<SuggestionsBenchResult> {
  const { sizes = [10_000, 100_000], databaseMembers = 10_000, queries = 1_000 } = options;
  const inMemory = sizes.map((size) => benchInMemory(size, queries));
  const fromDatabase = databaseMembers > 0 ? await benchFromDatabase(databaseMembers, queries) : { skipped: 'databaseMembers is 0' };
  return { inMemory, fromDatabase, round: benchRound() };
}

function benchInMemory(size: number, queries: number): SuggestionsBenchResult['inMemory'][number] {
  // The synthetic community's mix: a third mentors, half mentees, the rest both; the default catalog of 10 skills.
  const skills = 10;
  let started = performance.now();
  const members = generateMatchingMembers({ mentors: Math.round(size / 3), both: size - Math.round(size / 3) - Math.round(size / 2), mentees: Math.round(size / 2), seed: size, skillCount: skills });
  const generateMs = performance.now() - started;
  started = performance.now();
  const index = new MatchingIndex(members);
  const indexBuildMs = performance.now() - started;
  return {
    members: size,
    skills,
    generateMs,
    indexBuildMs,
    mentorQueries: timeQueries(index, members.filter((member) => member.canBeMentee), 'mentor', queries, size + 1),
    menteeQueries: timeQueries(index, members.filter((member) => member.offers.size > 0), 'mentee', queries, size + 2),
  };
}

function timeQueries(index: MatchingIndex, askers: readonly ReturnType<MatchingIndex['allMembers']>[number][], lookingFor: 'mentor' | 'mentee', queries: number, seed: number): LatencySummary {
  const random = createSeededRandom(seed);
  const ask = () => {
    const asker = askers[Math.floor(random() * askers.length)]!;
    const query = { limit: 10, exclude: new Set<number>() };
    return lookingFor === 'mentor' ? index.bestMentorsFor(asker, weights, query) : index.bestMenteesFor(asker, weights, query);
  };
  for (let warmUp = 0; warmUp < 200; warmUp++) ask();
  const times: number[] = [];
  let returned = 0;
  for (let run = 0; run < queries; run++) {
    const started = performance.now();
    returned += ask().length;
    times.push(performance.now() - started);
  }
  return { ...percentiles(times), meanCandidatesReturned: returned / queries };
}

async function benchFromDatabase(size: number, queries: number): Promise<SuggestionsBenchResult['fromDatabase']> {
  const handle = wrapPglite(await PGlite.create());
  try {
    await migrateToLatest(handle.db);
    let started = performance.now();
    const communityId = await generateSyntheticCommunity(handle.db, { members: size, seed: 7 });
    const seedMs = performance.now() - started;
    const now = new Date();
    const loadAndBuildMs: number[] = [];
    let loaded = await loadMatchingIndex(handle.db, communityId, limits, now);
    for (let run = 0; run < 3; run++) {
      started = performance.now();
      loaded = await loadMatchingIndex(handle.db, communityId, limits, now);
      loadAndBuildMs.push(performance.now() - started);
    }
    started = performance.now();
    await matchingFingerprint(handle.db, communityId);
    const fingerprintMs = performance.now() - started;
    const askers = loaded.index.allMembers().filter((member) => member.canBeMentee);
    return { members: size, seedMs, loadAndBuildMs, fingerprintMs, query: timeQueries(loaded.index, askers, 'mentor', queries, 11) };
  } finally {
    await handle.close();
  }
}

function benchRound(): SuggestionsBenchResult['round'] {
  const mentees = 5_000;
  const mentors = 2_000;
  const capacity = 3;
  let started = performance.now();
  const members = generateMatchingMembers({ mentors, mentees, capacity, seed: 2024, skillCount: 24 });
  const generateMs = performance.now() - started;

  // End to end from profiles: build the index, list and score the allowed pairs, solve exactly.
  started = performance.now();
  const index = new MatchingIndex(members);
  const indexBuildMs = performance.now() - started;
  const planStarted = performance.now();
  const plan = planRound(index, weights, { excluded: new ExcludedPairs(), skipped: new Set() });
  const planMs = performance.now() - planStarted;
  const endToEndMs = performance.now() - started;
  return {
    mentees,
    mentors,
    capacity,
    generateMs,
    indexBuildMs,
    planMs,
    endToEndMs,
    solveMs: plan.stats.solveMs,
    allowedPairs: plan.stats.allowedPairs,
    matched: plan.stats.matched,
    total: plan.stats.totalScore,
    greedy: { total: plan.stats.greedy.total, lossPercent: plan.stats.greedy.lossPercent },
    scipy: scipyTotal(plan.problem, plan.stats.totalScore),
  };
}

function scipyTotal(problem: SparseAssignmentProblem, exactTotal: number): SuggestionsBenchResult['round']['scipy'] {
  const answer = solveWithScipy(problem);
  if (!answer.available) return answer;
  return { available: true, total: answer.total, solveMs: answer.solveSeconds * 1000, totalsMatch: Math.abs(answer.total - exactTotal) <= 1e-9 * Math.max(1, exactTotal) };
}

function percentiles(times: number[]): Omit<LatencySummary, 'meanCandidatesReturned'> {
  const sorted = [...times].sort((left, right) => left - right);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
  return { queries: times.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1]! };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSuggestionsBench();
  console.log(JSON.stringify(result, (key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value), 2));
  if (result.round.scipy.available && !result.round.scipy.totalsMatch) process.exitCode = 1;
}
