import type { AssignmentResult, SparseAssignmentProblem } from './assignment-problem.js';
import { solveSparseAssignment } from './assignment-solver.js';

/**
 * Which mentee and which mentor of a round are the same member: `mentorOfMentee[mentee]` is the mentor
 * index of that mentee's member, and `menteeOfMentor[mentor]` the mentee index of that mentor's member;
 * -1 when the member takes only one side in the round.
 */
export interface SameMembers {
  readonly mentorOfMentee: Int32Array;
  readonly menteeOfMentor: Int32Array;
}

/** An allowed pair, as a mentee index and a mentor index. */
export interface Direction {
  readonly mentee: number;
  readonly mentor: number;
}

export interface OneWayAssignment extends AssignmentResult {
  /** The problem `assignment` is the exact optimum of: the input without `removed`. */
  readonly problem: SparseAssignmentProblem;
  /** Directions left out so that no two members are paired both ways. */
  readonly removed: readonly Direction[];
  readonly solves: number;
  /** Time spent in the solver, all solves together. */
  readonly solveMs: number;
}

/** Rounds with at most this many allowed pairs are searched for the best one-way assignment outright. */
export const exactSearchEdges = 20_000;
/** How many solves that search may take before settling for the best one-way assignment found. */
export const exactSearchSolves = 64;
/** Larger rounds: re-solves that remove only the directions chosen both ways, before the last pass. */
export const targetedResolves = 2;

export interface OneWayOptions {
  readonly exactSearchEdges?: number;
  readonly exactSearchSolves?: number;
  readonly targetedResolves?: number;
}

interface Node {
  readonly problem: SparseAssignmentProblem;
  readonly result: AssignmentResult;
  readonly removed: readonly Direction[];
}

type Solve = (problem: SparseAssignmentProblem) => AssignmentResult;

/**
 * Solves a round so that no two members are paired both ways (A mentors B and B mentors A), which two
 * members who each offer what the other wants would otherwise allow. Deterministic, so a preview and
 * the run that follows it agree.
 *
 * The round is solved as it is; most rounds have no such pair and cost one solve. Otherwise:
 *
 * - A small round (at most {@link exactSearchEdges} allowed pairs, where a solve takes milliseconds)
 *   is searched by branch and bound: for a pair chosen both ways, solve once without one direction and
 *   once without the other, and go on in each; a branch whose total is no better than the best one-way
 *   answer so far is dropped, since removing pairs never raises the optimum. A search that finishes
 *   finds the best one-way assignment; one stopped after {@link exactSearchSolves} solves keeps the
 *   best found, or when none was found goes on like a large round.
 * - A large round removes the lower-scoring direction of each pair chosen both ways (on equal scores,
 *   the one whose mentor comes later) and solves again, so the mentee who lost that mentor and the
 *   seat it freed go to their best use instead of staying empty. After {@link targetedResolves} such
 *   re-solves, a last pass removes the lower direction of every pair that could still go both ways and
 *   solves once more, which can no longer pair anyone twice: at most `targetedResolves + 2` solves. The
 *   problem left always keeps the better direction of every pair, so the total is never below the round
 *   solved with only the better directions allowed from the start; the best one-way assignment is not
 *   guaranteed (which direction to give up is a combinatorial problem of its own).
 *
 * Either way the assignment is the exact optimum of the returned problem, the input without `removed`.
 */
export function solveOneWay(problem: SparseAssignmentProblem, same: SameMembers, options: OneWayOptions = {}): OneWayAssignment {
  let solves = 0;
  let solveMs = 0;
  const solve: Solve = (input) => {
    const started = performance.now();
    const result = solveSparseAssignment(input);
    solveMs += performance.now() - started;
    solves++;
    return result;
  };
  const root: Node = { problem, result: solve(problem), removed: [] };
  let answer: Node | null = pairedBothWays(root.result.assignment, same).length === 0 ? root : null;
  if (!answer && problem.edges.score.length <= (options.exactSearchEdges ?? exactSearchEdges)) {
    answer = searchBestOneWay(root, same, solve, options.exactSearchSolves ?? exactSearchSolves);
  }
  answer ??= removeLowerDirections(root, same, solve, options.targetedResolves ?? targetedResolves);
  return { ...answer.result, problem: answer.problem, removed: answer.removed, solves, solveMs };
}

// Branch and bound over which direction of each pair chosen both ways to give up; null when the
// budget ran out before any one-way assignment was found.
function searchBestOneWay(root: Node, same: SameMembers, solve: Solve, maxSolves: number): Node | null {
  let best: Node | null = null;
  let solvesLeft = maxSolves;
  const visit = (node: Node): void => {
    const [pair] = pairedBothWays(node.result.assignment, same);
    if (!pair) {
      if (!best || node.result.total > best.result.total) best = node;
      return;
    }
    // Every assignment below scores at most this node's total: removing pairs never raises the optimum.
    if (best && node.result.total <= best.result.total) return;
    const lower = lowerOfChosen(node.problem, [pair])[0]!;
    for (const drop of [lower, lower === pair[0] ? pair[1] : pair[0]]) {
      if (solvesLeft === 0) return;
      solvesLeft--;
      const child = withoutDirections(node.problem, [drop]);
      visit({ problem: child, result: solve(child), removed: [...node.removed, drop] });
    }
  };
  visit(root);
  return best;
}

function removeLowerDirections(root: Node, same: SameMembers, solve: Solve, targeted: number): Node {
  let node = root;
  for (let pass = 0; pass <= targeted; pass++) {
    const chosenBothWays = pairedBothWays(node.result.assignment, same);
    if (chosenBothWays.length === 0) break;
    const losers = pass < targeted ? lowerOfChosen(node.problem, chosenBothWays) : lowerOfEveryMutualPair(node.problem, same);
    const problem = withoutDirections(node.problem, losers);
    node = { problem, result: solve(problem), removed: [...node.removed, ...losers] };
  }
  return node;
}

/** Each pair of members assigned both ways, as its two directions; each pair listed once. */
function pairedBothWays(assignment: readonly number[], same: SameMembers): [Direction, Direction][] {
  const pairs: [Direction, Direction][] = [];
  assignment.forEach((mentor, mentee) => {
    if (mentor < 0) return;
    const reverseMentee = same.menteeOfMentor[mentor]!;
    const reverseMentor = same.mentorOfMentee[mentee]!;
    // `reverseMentee > mentee` lists each pair once and skips a member facing themselves.
    if (reverseMentee > mentee && reverseMentor >= 0 && assignment[reverseMentee] === reverseMentor) {
      pairs.push([{ mentee, mentor }, { mentee: reverseMentee, mentor: reverseMentor }]);
    }
  });
  return pairs;
}

// Numbers a direction by its indices; exact while menteeCount × mentorCount stays below 2^53.
const directionKey = (problem: SparseAssignmentProblem, mentee: number, mentor: number) => mentee * problem.mentorCount + mentor;

// The direction to give up: the lower score, or on a tie the one whose mentor comes later (mentor
// indices follow member ids, so the choice does not depend on the order edges were listed in).
function loses(own: { score: number; mentor: number }, reverse: { score: number; mentor: number }): boolean {
  return own.score < reverse.score || (own.score === reverse.score && own.mentor > reverse.mentor);
}

function lowerOfChosen(problem: SparseAssignmentProblem, pairs: readonly [Direction, Direction][]): Direction[] {
  const scoreOf = new Map<number, number>();
  for (const pair of pairs) for (const direction of pair) scoreOf.set(directionKey(problem, direction.mentee, direction.mentor), 0);
  const { mentee, mentor, score } = problem.edges;
  for (let edge = 0; edge < score.length; edge++) {
    const key = directionKey(problem, mentee[edge]!, mentor[edge]!);
    if (scoreOf.has(key)) scoreOf.set(key, score[edge]!);
  }
  return pairs.map(([first, second]) => {
    const firstScored = { score: scoreOf.get(directionKey(problem, first.mentee, first.mentor))!, mentor: first.mentor };
    const secondScored = { score: scoreOf.get(directionKey(problem, second.mentee, second.mentor))!, mentor: second.mentor };
    return loses(firstScored, secondScored) ? first : second;
  });
}

function lowerOfEveryMutualPair(problem: SparseAssignmentProblem, same: SameMembers): Direction[] {
  const { mentee, mentor, score } = problem.edges;
  // Only edges between two members who take both sides can have a reverse.
  const twoSided = new Map<number, number>();
  for (let edge = 0; edge < score.length; edge++) {
    if (same.mentorOfMentee[mentee[edge]!]! >= 0 && same.menteeOfMentor[mentor[edge]!]! >= 0) twoSided.set(directionKey(problem, mentee[edge]!, mentor[edge]!), edge);
  }
  const losers: Direction[] = [];
  for (const edge of twoSided.values()) {
    const reverse = twoSided.get(directionKey(problem, same.menteeOfMentor[mentor[edge]!]!, same.mentorOfMentee[mentee[edge]!]!));
    if (reverse === undefined || reverse === edge) continue;
    if (loses({ score: score[edge]!, mentor: mentor[edge]! }, { score: score[reverse]!, mentor: mentor[reverse]! })) losers.push({ mentee: mentee[edge]!, mentor: mentor[edge]! });
  }
  return losers;
}

function withoutDirections(problem: SparseAssignmentProblem, directions: readonly Direction[]): SparseAssignmentProblem {
  const dropped = new Set(directions.map((direction) => directionKey(problem, direction.mentee, direction.mentor)));
  const touched = new Uint8Array(problem.menteeCount);
  for (const direction of directions) touched[direction.mentee] = 1;
  const { mentee, mentor, score } = problem.edges;
  const keep = new Uint8Array(score.length);
  let kept = 0;
  for (let edge = 0; edge < score.length; edge++) {
    if (touched[mentee[edge]!] && dropped.has(directionKey(problem, mentee[edge]!, mentor[edge]!))) continue;
    keep[edge] = 1;
    kept++;
  }
  const edges = { mentee: new Int32Array(kept), mentor: new Int32Array(kept), score: new Float64Array(kept) };
  let at = 0;
  for (let edge = 0; edge < score.length; edge++) {
    if (!keep[edge]) continue;
    edges.mentee[at] = mentee[edge]!;
    edges.mentor[at] = mentor[edge]!;
    edges.score[at++] = score[edge]!;
  }
  return { ...problem, edges };
}
