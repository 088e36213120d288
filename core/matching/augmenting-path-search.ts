import { IndexedMinHeap } from './indexed-min-heap.js';
import type { MenteeAdjacency } from './mentee-adjacency.js';

// How the cheapest augmentation found so far ends.
const ROOT_STAYS_UNASSIGNED = 0;
const INTO_FREE_SEAT = 1;
const UNASSIGNS_A_MENTEE = 2;

/**
 * Where the exact search begins: a partial assignment and mentor prices that already satisfy the dual
 * conditions described on {@link AugmentingPathSearch} for every mentee except those in `pending`.
 */
export type SearchStart = {
  mentorOf: Int32Array;
  scoreOf: Float64Array;
  price: Float64Array;
  /** Mentees still to insert, in this order. */
  pending: Int32Array;
};

/** The trivial start: nobody assigned, every price 0, every mentee with an allowed pair pending. */
export function coldStart(graph: MenteeAdjacency): SearchStart {
  const pending: number[] = [];
  for (let mentee = 0; mentee < graph.menteeCount; mentee++) {
    if (graph.rowStart[mentee]! < graph.rowStart[mentee + 1]!) pending.push(mentee);
  }
  return {
    mentorOf: new Int32Array(graph.menteeCount).fill(-1),
    scoreOf: new Float64Array(graph.menteeCount),
    price: new Float64Array(graph.mentorCount),
    pending: Int32Array.from(pending),
  };
}

/**
 * Makes a start optimal by inserting its pending mentees one at a time, each along a shortest augmenting
 * path (Dijkstra with potentials); see {@link AugmentingPathSearch}.
 *
 * @returns per mentee, the chosen mentor (or -1) and that pair's score (or 0).
 */
export function completeAssignment(graph: MenteeAdjacency, start: SearchStart): { mentorOf: Int32Array; scoreOf: Float64Array } {
  const search = new AugmentingPathSearch(graph, start);
  for (const mentee of start.pending) search.insert(mentee);
  return { mentorOf: search.mentorOf, scoreOf: search.scoreOf };
}

/**
 * Min-cost flow view: an edge costs minus its score. Every mentor has a price `p >= 0`, and a mentee's
 * profit is `w = score(mentee, its mentor) - p(its mentor)`, or 0 when unassigned. Between insertions the
 * linear-programming dual conditions hold: `w + p >= score` on every edge, with equality on chosen pairs,
 * and `p = 0` for every mentor with a free seat. So the current assignment is optimal for the mentees
 * inserted so far, and inserting one more only needs the cheapest path (cost = minus the gain in total
 * score) from it to one of three ends: a mentor with a free seat, an assigned mentee who gives up its
 * mentor (which costs its profit `w`), or the new mentee staying unassigned (cost 0, so the search only
 * ever looks at paths that gain something). The reduced costs `p + w - score` are non-negative, so this
 * is Dijkstra's algorithm, and it stops as soon as no unsettled mentor is closer than the best end found.
 *
 * Mentor capacity is handled on the mentor itself: a mentor is one node whose assigned mentees are all
 * reachable from it at reduced cost 0, rather than one node per seat.
 */
class AugmentingPathSearch {
  readonly mentorOf: Int32Array;
  readonly scoreOf: Float64Array;

  private readonly rowStart: Int32Array;
  private readonly edgeMentor: Int32Array;
  private readonly edgeScore: Float64Array;
  private readonly seats: Int32Array;
  // Mentor j's mentees sit in seatMentee[seatStart[j] .. seatStart[j] + load[j] - 1].
  private readonly seatStart: Int32Array;
  private readonly seatMentee: Int32Array;
  private readonly load: Int32Array;
  private readonly seatOf: Int32Array;
  private readonly price: Float64Array;

  // Per-insertion search state. A mentor's entries only count when its stamp equals the current one,
  // so nothing is cleared between insertions.
  private readonly distance: Float64Array;
  private readonly reachedStamp: Int32Array;
  private readonly settledStamp: Int32Array;
  private readonly predecessor: Int32Array;
  private readonly predecessorScore: Float64Array;
  private readonly settled: Int32Array;
  private readonly heap: IndexedMinHeap;
  private settledCount = 0;
  private stamp = 0;

  private bestDistance = 0;
  private endKind = ROOT_STAYS_UNASSIGNED;
  private endMentor = -1;
  private endMentee = -1;
  private endScore = 0;

  /** Starts from `start`, whose placed and unassigned mentees must already meet the dual conditions. */
  constructor(graph: MenteeAdjacency, start: SearchStart) {
    const { menteeCount, mentorCount } = graph;
    this.rowStart = graph.rowStart;
    this.edgeMentor = graph.edgeMentor;
    this.edgeScore = graph.edgeScore;
    this.seats = graph.seats;
    this.seatStart = new Int32Array(mentorCount + 1);
    for (let mentor = 0; mentor < mentorCount; mentor++) this.seatStart[mentor + 1] = this.seatStart[mentor]! + this.seats[mentor]!;
    this.seatMentee = new Int32Array(this.seatStart[mentorCount]!);
    this.load = new Int32Array(mentorCount);
    this.price = start.price.slice();

    this.mentorOf = start.mentorOf.slice();
    this.scoreOf = start.scoreOf.slice();
    this.seatOf = new Int32Array(menteeCount).fill(-1);
    for (let mentee = 0; mentee < menteeCount; mentee++) {
      const mentor = this.mentorOf[mentee]!;
      if (mentor === -1) continue;
      const seat = this.seatStart[mentor]! + this.load[mentor]!++;
      this.seatMentee[seat] = mentee;
      this.seatOf[mentee] = seat;
    }

    this.distance = new Float64Array(mentorCount);
    this.reachedStamp = new Int32Array(mentorCount);
    this.settledStamp = new Int32Array(mentorCount);
    this.predecessor = new Int32Array(mentorCount);
    this.predecessorScore = new Float64Array(mentorCount);
    this.settled = new Int32Array(mentorCount);
    this.heap = new IndexedMinHeap(mentorCount);
  }

  /** Adds an unassigned mentee to the round and restores optimality. */
  insert(root: number): void {
    if (this.rowStart[root] === this.rowStart[root + 1]) return;
    this.stamp++;
    this.settledCount = 0;
    this.bestDistance = 0;
    this.endKind = ROOT_STAYS_UNASSIGNED;
    // The root has profit 0 and no settled mentor yet; its first edges may legitimately be negative.
    this.relaxEdgesOf(root, 0, 0, -Infinity);

    const { heap, distance, seatStart, seatMentee, load, scoreOf, price, settled, settledStamp } = this;
    while (heap.size > 0 && heap.minKey() < this.bestDistance) {
      const mentor = heap.pop();
      settledStamp[mentor] = this.stamp;
      settled[this.settledCount++] = mentor;
      const reached = distance[mentor]!;
      const seatEnd = seatStart[mentor]! + load[mentor]!;
      for (let seat = seatStart[mentor]!; seat < seatEnd; seat++) {
        const mentee = seatMentee[seat]!;
        // Never negative in exact arithmetic; clamping keeps rounding from making an edge negative.
        const profit = Math.max(0, scoreOf[mentee]! - price[mentor]!);
        if (reached + profit < this.bestDistance) {
          this.bestDistance = reached + profit;
          this.endKind = UNASSIGNS_A_MENTEE;
          this.endMentee = mentee;
        }
        this.relaxEdgesOf(mentee, reached, profit, reached);
      }
    }
    heap.clear();
    this.updatePrices();
    this.augment(root);
  }

  private relaxEdgesOf(mentee: number, reached: number, profit: number, floor: number): void {
    const { edgeMentor, edgeScore, price, load, seats, distance, reachedStamp, settledStamp, heap, stamp } = this;
    const rowEnd = this.rowStart[mentee + 1]!;
    for (let edge = this.rowStart[mentee]!; edge < rowEnd; edge++) {
      const mentor = edgeMentor[edge]!;
      if (settledStamp[mentor] === stamp) continue;
      const score = edgeScore[edge]!;
      const candidate = Math.max(floor, reached + price[mentor]! + profit - score);
      if (candidate >= this.bestDistance) continue;
      if (load[mentor]! < seats[mentor]!) {
        this.bestDistance = candidate;
        this.endKind = INTO_FREE_SEAT;
        this.endMentor = mentor;
        this.endMentee = mentee;
        this.endScore = score;
      } else if (reachedStamp[mentor] !== stamp || candidate < distance[mentor]!) {
        reachedStamp[mentor] = stamp;
        distance[mentor] = candidate;
        this.predecessor[mentor] = mentee;
        this.predecessorScore[mentor] = score;
        heap.push(mentor, candidate);
      }
    }
  }

  // Raising the price of every mentor settled before the end by how much earlier it was reached keeps
  // `w + p >= score` on all edges and makes every edge of the chosen path tight.
  private updatePrices(): void {
    for (let index = 0; index < this.settledCount; index++) {
      const mentor = this.settled[index]!;
      this.price[mentor]! += this.bestDistance - this.distance[mentor]!;
    }
  }

  // Walks the path back from its end: each mentee takes the seat freed by the one that moved on.
  private augment(root: number): void {
    let mentor: number;
    let seat: number;
    let mover: number;
    let moverScore: number;
    if (this.endKind === INTO_FREE_SEAT) {
      mentor = this.endMentor;
      seat = this.seatStart[mentor]! + this.load[mentor]!++;
      mover = this.endMentee;
      moverScore = this.endScore;
    } else if (this.endKind === UNASSIGNS_A_MENTEE) {
      const leaving = this.endMentee;
      mentor = this.mentorOf[leaving]!;
      seat = this.seatOf[leaving]!;
      this.mentorOf[leaving] = -1;
      this.seatOf[leaving] = -1;
      this.scoreOf[leaving] = 0;
      mover = this.predecessor[mentor]!;
      moverScore = this.predecessorScore[mentor]!;
    } else {
      return;
    }
    for (;;) {
      const previousMentor = this.mentorOf[mover]!;
      const previousSeat = this.seatOf[mover]!;
      this.seatMentee[seat] = mover;
      this.seatOf[mover] = seat;
      this.mentorOf[mover] = mentor;
      this.scoreOf[mover] = moverScore;
      if (mover === root) return;
      mentor = previousMentor;
      seat = previousSeat;
      mover = this.predecessor[mentor]!;
      moverScore = this.predecessorScore[mentor]!;
    }
  }
}
