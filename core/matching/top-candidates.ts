import type { Candidate } from './matching-index.js';

/** The best `limit` candidates seen so far: a min-heap on score (ties: the higher member id is worse). */
export class TopCandidates {
  private readonly ids: Float64Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(private readonly limit: number) {
    this.ids = new Float64Array(Math.max(0, limit));
    this.scores = new Float64Array(Math.max(0, limit));
  }

  full(): boolean {
    return this.count >= this.limit;
  }

  /** The score a candidate must reach to get in once the heap is full. */
  threshold(): number {
    return this.count === 0 ? -Infinity : this.scores[0]!;
  }

  offer(memberId: number, score: number): void {
    if (this.limit <= 0) return;
    if (this.count < this.limit) {
      this.ids[this.count] = memberId;
      this.scores[this.count] = score;
      this.siftUp(this.count++);
    } else if (this.ranksBelow(0, memberId, score)) {
      this.ids[0] = memberId;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  sorted(): Candidate[] {
    const found: Candidate[] = [];
    for (let at = 0; at < this.count; at++) found.push({ memberId: this.ids[at]!, score: this.scores[at]! });
    return found.sort((left, right) => right.score - left.score || left.memberId - right.memberId);
  }

  // Whether the entry at `at` ranks below (memberId, score).
  private ranksBelow(at: number, memberId: number, score: number): boolean {
    const held = this.scores[at]!;
    return held < score || (held === score && this.ids[at]! > memberId);
  }

  private siftUp(start: number): void {
    let at = start;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.ranksBelow(at, this.ids[parent]!, this.scores[parent]!)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  private siftDown(start: number): void {
    let at = start;
    for (;;) {
      let lowest = at;
      const left = 2 * at + 1;
      const right = left + 1;
      if (left < this.count && this.ranksBelow(left, this.ids[lowest]!, this.scores[lowest]!)) lowest = left;
      if (right < this.count && this.ranksBelow(right, this.ids[lowest]!, this.scores[lowest]!)) lowest = right;
      if (lowest === at) return;
      this.swap(at, lowest);
      at = lowest;
    }
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a]!;
    const score = this.scores[a]!;
    this.ids[a] = this.ids[b]!;
    this.scores[a] = this.scores[b]!;
    this.ids[b] = id;
    this.scores[b] = score;
  }
}
