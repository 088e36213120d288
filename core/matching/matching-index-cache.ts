import type { Kysely } from 'kysely';
import type { CoreDeps } from '../deps.js';
import type { Database } from '../store/database.js';
import { MatchingIndex } from './matching-index.js';
import type { MatchingLimits } from './matching-profile.js';
import { loadMatchingSnapshot, matchingFingerprint } from './matching.repository.js';

/** A built index and the skill names its explanations need. */
export interface LoadedIndex {
  readonly index: MatchingIndex;
  readonly skillNames: ReadonlyMap<number, string>;
}

/** What the matching use cases take: the core's deps, plus the process's index cache when it has one. */
export interface MatchingDeps extends CoreDeps {
  /** Without it every query loads the community afresh: right for tests and scripts, slow for a bot. */
  readonly matchingIndexes?: MatchingIndexCache;
}

interface Entry {
  readonly loaded: LoadedIndex;
  readonly fingerprint: string;
  readonly limitsKey: string;
  readonly builtAt: number;
  checkedAt: number;
}

/**
 * One matching index per community, kept in memory between queries. Building one reads the whole
 * community, so it is rebuilt only when the community's fingerprint (member count and last profile
 * change, skill rows, mentorships, settings) differs, checked at most every `checkEverySeconds`, and
 * at the latest after `maxAgeSeconds` (pauses ending and answer times drift without any row changing).
 * A change is thus seen within seconds; the asker's own profile and exclusions are always read fresh by
 * the use cases, so nobody is shown a pair they just declined or blocked.
 *
 * Owned by the process (created in the wiring, passed in deps), never module state.
 */
export class MatchingIndexCache {
  private readonly entries = new Map<number, Entry>();
  private readonly building = new Map<number, Promise<Entry>>();
  private readonly checkEveryMs: number;
  private readonly maxAgeMs: number;

  constructor(options: { checkEverySeconds?: number; maxAgeSeconds?: number } = {}) {
    this.checkEveryMs = (options.checkEverySeconds ?? 5) * 1000;
    this.maxAgeMs = (options.maxAgeSeconds ?? 600) * 1000;
  }

  async get(db: Kysely<Database>, communityId: number, limits: MatchingLimits, now: Date): Promise<LoadedIndex> {
    const at = now.getTime();
    const limitsKey = `${limits.perMentor}:${limits.perMentee}`;
    const entry = this.entries.get(communityId);
    if (entry && entry.limitsKey === limitsKey && at - entry.builtAt < this.maxAgeMs) {
      if (at - entry.checkedAt < this.checkEveryMs) return entry.loaded;
      const fingerprint = await matchingFingerprint(db, communityId);
      if (fingerprint === entry.fingerprint) {
        entry.checkedAt = at;
        return entry.loaded;
      }
    }
    // Concurrent queries share one rebuild.
    let pending = this.building.get(communityId);
    if (!pending) {
      pending = this.build(db, communityId, limits, now, limitsKey).finally(() => this.building.delete(communityId));
      this.building.set(communityId, pending);
    }
    return (await pending).loaded;
  }

  /** Forgets a community's index, so the next query rebuilds it. */
  invalidate(communityId: number): void {
    this.entries.delete(communityId);
  }

  private async build(db: Kysely<Database>, communityId: number, limits: MatchingLimits, now: Date, limitsKey: string): Promise<Entry> {
    // Fingerprint first: a change landing during the load makes the next check rebuild again.
    const fingerprint = await matchingFingerprint(db, communityId);
    const loaded = await loadMatchingIndex(db, communityId, limits, now);
    const entry: Entry = { loaded, fingerprint, limitsKey, builtAt: now.getTime(), checkedAt: now.getTime() };
    this.entries.set(communityId, entry);
    return entry;
  }
}

/** Loads and builds a community's index without any cache. */
export async function loadMatchingIndex(db: Kysely<Database>, communityId: number, limits: MatchingLimits, now: Date): Promise<LoadedIndex> {
  const snapshot = await loadMatchingSnapshot(db, communityId, limits, now);
  return { index: new MatchingIndex(snapshot.members), skillNames: snapshot.skillNames };
}

/** The community's index, from the cache in deps when there is one. */
export function matchingIndexFor(deps: MatchingDeps, communityId: number, limits: MatchingLimits): Promise<LoadedIndex> {
  const now = deps.clock.now();
  return deps.matchingIndexes ? deps.matchingIndexes.get(deps.db, communityId, limits, now) : loadMatchingIndex(deps.db, communityId, limits, now);
}
