import type { DateOnly, GoalStatus, TaskPriority } from '../store/database.js';

export interface GoalRecord {
  readonly id: number;
  readonly mentorshipId: number;
  readonly title: string;
  readonly description: string | null;
  readonly dueDate: DateOnly | null;
  readonly status: GoalStatus;
  readonly createdBy: number | null;
  readonly completedAt: Date | null;
  readonly createdAt: Date;
}

export interface TaskRecord {
  readonly id: number;
  readonly mentorshipId: number;
  readonly goalId: number | null;
  readonly title: string;
  readonly assigneeRole: 'MENTOR' | 'MENTEE';
  readonly priority: TaskPriority;
  readonly dueDate: DateOnly | null;
  /** A finished task is an achievement of the relation (seed 003). */
  readonly doneAt: Date | null;
  readonly createdBy: number | null;
  readonly createdAt: Date;
}

export const taskPriorities = ['LOW', 'MEDIUM', 'HIGH'] as const satisfies readonly TaskPriority[];

/**
 * Progress of a mentorship: the share of its goals reached, dropped goals
 * left out (a goal the pair gave up on is no longer part of the plan).
 * Null with no goals, rather than a misleading 0 %.
 */
export function goalProgress(goals: readonly Pick<GoalRecord, 'status'>[]): { done: number; total: number; percent: number | null } {
  const counted = goals.filter((goal) => goal.status !== 'DROPPED');
  const done = counted.filter((goal) => goal.status === 'DONE').length;
  return { done, total: counted.length, percent: counted.length === 0 ? null : Math.round((done / counted.length) * 100) };
}
