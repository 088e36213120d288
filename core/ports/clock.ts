/**
 * The time source the core reads instead of `new Date()`, so tests can move time
 * (TTLs, reminders, expiry) without sleeping.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock, for production wiring. */
export const systemClock: Clock = {
  now: () => new Date(),
};
