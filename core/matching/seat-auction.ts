import type { SearchStart } from './augmenting-path-search.js';
import type { MenteeAdjacency } from './mentee-adjacency.js';

// Two bidding passes over the free mentees, as in Jonker and Volgenant's "augmenting row reduction",
// and a cap on the total number of bids: prices can creep up by tiny steps for a long time, and the exact
// search settles whatever is left more cheaply than an auction that crawls.
const PASSES = 2;
const BIDS_PER_MENTEE = 4;

/**
 * Gives most mentees a mentor cheaply, as a start for the exact search, by a first-price auction with no
 * minimum raise: a free mentee takes the cheapest seat of the mentor worth most to it and raises that
 * seat's price until the mentor is only as attractive as its next-best choice (another mentor, or staying
 * unassigned), evicting the seat's previous holder. Mentees it cannot settle are left pending.
 *
 * Every seat has its own price during the auction, since raising a shared price would hurt the other
 * holders. Because prices only go up, each placed mentee still prefers its mentor to every other one at
 * the end, which is what makes the result a valid start for the exact search once each mentor's price is
 * lowered to its cheapest seat (a lower price only makes holders better off, and seats of one mentor are
 * interchangeable). Ties never evict anyone (evicting without raising a price could cycle forever); such
 * mentees are left pending.
 */
export function auctionSeats(graph: MenteeAdjacency): SearchStart {
  const { menteeCount, mentorCount, seats, rowStart, edgeMentor, edgeScore } = graph;
  const seatStart = new Int32Array(mentorCount + 1);
  for (let mentor = 0; mentor < mentorCount; mentor++) seatStart[mentor + 1] = seatStart[mentor]! + seats[mentor]!;
  const seatPrice = new Float64Array(seatStart[mentorCount]!);
  const seatHolder = new Int32Array(seatPrice.length).fill(-1);
  // Each mentor's cheapest seat (Infinity for a mentor without seats); unused seats cost 0.
  const cheapestSeat = new Int32Array(mentorCount);
  const cheapestPrice = new Float64Array(mentorCount);
  const refreshCheapest = (mentor: number): void => {
    let best = Infinity;
    let bestSeat = -1;
    for (let seat = seatStart[mentor]!; seat < seatStart[mentor + 1]!; seat++) {
      if (seatPrice[seat]! < best) {
        best = seatPrice[seat]!;
        bestSeat = seat;
      }
    }
    cheapestSeat[mentor] = bestSeat;
    cheapestPrice[mentor] = best;
  };
  for (let mentor = 0; mentor < mentorCount; mentor++) refreshCheapest(mentor);

  const mentorOf = new Int32Array(menteeCount).fill(-1);
  const scoreOf = new Float64Array(menteeCount);
  const free = new Int32Array(menteeCount);
  let freeCount = 0;
  for (let mentee = 0; mentee < menteeCount; mentee++) if (rowStart[mentee]! < rowStart[mentee + 1]!) free[freeCount++] = mentee;

  let bidsLeft = BIDS_PER_MENTEE * freeCount;
  for (let pass = 0; pass < PASSES && freeCount > 0; pass++) {
    const passLength = freeCount;
    freeCount = 0;
    let next = 0;
    while (next < passLength) {
      const mentee = free[next++]!;
      // Best and second-best value (score minus cheapest seat's price) over the mentee's mentors;
      // staying unassigned is worth 0.
      let bestValue = 0;
      let bestMentor = -1;
      let bestScore = 0;
      let secondValue = -Infinity;
      for (let edge = rowStart[mentee]!; edge < rowStart[mentee + 1]!; edge++) {
        const mentor = edgeMentor[edge]!;
        const score = edgeScore[edge]!;
        const value = score - cheapestPrice[mentor]!;
        if (value > bestValue) {
          secondValue = bestValue;
          bestValue = value;
          bestMentor = mentor;
          bestScore = score;
        } else if (value > secondValue) {
          secondValue = value;
        }
      }
      if (bestMentor === -1) continue; // Nothing beats staying unassigned, now or later: prices only rise.

      const seat = cheapestSeat[bestMentor]!;
      const evicted = seatHolder[seat]!;
      const raise = bestValue - secondValue;
      if (evicted !== -1 && !(raise > 0)) {
        free[freeCount++] = mentee;
        continue;
      }
      seatPrice[seat]! += raise;
      seatHolder[seat] = mentee;
      mentorOf[mentee] = bestMentor;
      scoreOf[mentee] = bestScore;
      refreshCheapest(bestMentor);
      if (evicted === -1) continue;
      mentorOf[evicted] = -1;
      scoreOf[evicted] = 0;
      // The evicted mentee bids right away, in the slot just read; over budget, it waits for the exact search.
      if (bidsLeft-- > 0) free[--next] = evicted;
      else free[freeCount++] = evicted;
    }
  }

  const price = new Float64Array(mentorCount);
  for (let mentor = 0; mentor < mentorCount; mentor++) price[mentor] = cheapestPrice[mentor] === Infinity ? 0 : cheapestPrice[mentor]!;
  return { mentorOf, scoreOf, price, pending: free.slice(0, freeCount) };
}
