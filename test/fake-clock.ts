import type { Clock } from '../core/ports/clock.js';

/** A clock tests set and move by hand. */
export interface FakeClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export function createFakeClock(start: Date | string): FakeClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
