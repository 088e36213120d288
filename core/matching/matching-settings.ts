import { z } from 'zod';
import { weekdays } from '../members/availability.js';
import { timeOfDay } from '../shared/time-of-day.js';

const weight = (fallback: number) => z.number().min(0, 'Weights cannot be negative.').max(100, 'Keep each weight at 100 or less.').default(fallback);

/**
 * How much each part of the match score counts (see `score.ts` for the formula). Skill fit is what makes
 * a pair possible at all, so its weight stays at 1 or more: every allowed pair then scores above zero,
 * which the round solver requires.
 */
export const scoreWeights = z.object({
  skill: z.number().min(1, 'Skill fit must count for at least 1.').max(100, 'Keep each weight at 100 or less.').default(10),
  mentorshipTypes: weight(2),
  availability: weight(3),
  timezone: weight(2),
  experience: weight(2),
  capacity: weight(1),
  responsiveness: weight(2),
});

export type ScoreWeights = z.infer<typeof scoreWeights>;

/** When matching rounds run on their own: every `everyWeeks` weeks, on `weekday` at `time` in the community's timezone. */
export const roundSchedule = z.object({
  enabled: z.boolean().default(false),
  everyWeeks: z.int().min(1, 'Run rounds at most every week.').max(12, 'Run rounds at least every 12 weeks.').default(2),
  weekday: z.enum(weekdays, 'Use a day as mon, tue, wed, thu, fri, sat or sun.').default('mon'),
  time: timeOfDay.default('10:00'),
});

export type RoundSchedule = z.infer<typeof roundSchedule>;

/** The `matching` section of the community settings. */
export const matchingSettings = z.object({
  weights: scoreWeights.prefault({}),
  rounds: roundSchedule.prefault({}),
  /** How many suggestions `/mentor suggest` shows when the member asks for no number. */
  suggestionCount: z.int().min(1).max(10).default(5),
});

export type MatchingSettings = z.infer<typeof matchingSettings>;
