import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../store/database.js';
import type { GoalRecord, TaskRecord } from './goal.js';

const goalColumns = ['g.id', 'g.mentorship_id', 'g.title', 'g.description', 'g.due_date', 'g.status', 'g.created_by', 'g.completed_at', 'g.created_at'] as const;
const taskColumns = ['t.id', 't.mentorship_id', 't.goal_id', 't.title', 't.assignee_role', 't.priority', 't.due_date', 't.done_at', 't.created_by', 't.created_at'] as const;

type GoalRow = Pick<Selectable<Database['goals']>, 'id' | 'mentorship_id' | 'title' | 'description' | 'due_date' | 'status' | 'created_by' | 'completed_at' | 'created_at'>;
type TaskRow = Pick<Selectable<Database['tasks']>, 'id' | 'mentorship_id' | 'goal_id' | 'title' | 'assignee_role' | 'priority' | 'due_date' | 'done_at' | 'created_by' | 'created_at'>;

export function toGoal(row: GoalRow): GoalRecord {
  return {
    id: row.id, mentorshipId: row.mentorship_id, title: row.title, description: row.description, dueDate: row.due_date, status: row.status,
    createdBy: row.created_by, completedAt: row.completed_at, createdAt: row.created_at,
  };
}

export function toTask(row: TaskRow): TaskRecord {
  return {
    id: row.id, mentorshipId: row.mentorship_id, goalId: row.goal_id, title: row.title, assigneeRole: row.assignee_role, priority: row.priority,
    dueDate: row.due_date, doneAt: row.done_at, createdBy: row.created_by, createdAt: row.created_at,
  };
}

/** One goal of one community (through its mentorship); another community's id answers null. */
export async function findGoal(db: Kysely<Database>, communityId: number, id: number, options: { lock?: boolean } = {}): Promise<GoalRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  let query = db.selectFrom('goals as g').innerJoin('mentorships as m', 'm.id', 'g.mentorship_id').select(goalColumns).where('m.community_id', '=', communityId).where('g.id', '=', id);
  if (options.lock) query = query.forUpdate('g');
  const row = await query.executeTakeFirst();
  return row ? toGoal(row) : null;
}

export async function findTask(db: Kysely<Database>, communityId: number, id: number, options: { lock?: boolean } = {}): Promise<TaskRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  let query = db.selectFrom('tasks as t').innerJoin('mentorships as m', 'm.id', 't.mentorship_id').select(taskColumns).where('m.community_id', '=', communityId).where('t.id', '=', id);
  if (options.lock) query = query.forUpdate('t');
  const row = await query.executeTakeFirst();
  return row ? toTask(row) : null;
}

export async function listGoals(db: Kysely<Database>, mentorshipId: number): Promise<GoalRecord[]> {
  return (await db.selectFrom('goals as g').select(goalColumns).where('g.mentorship_id', '=', mentorshipId).orderBy('g.created_at').orderBy('g.id').execute()).map(toGoal);
}

export async function listTasks(db: Kysely<Database>, mentorshipId: number): Promise<TaskRecord[]> {
  return (await db.selectFrom('tasks as t').select(taskColumns).where('t.mentorship_id', '=', mentorshipId).orderBy('t.created_at').orderBy('t.id').execute()).map(toTask);
}

/** Open goals and unfinished tasks of a community's running relations due between two dates (inclusive). */
export async function listDueItems(db: Kysely<Database>, communityId: number, from: string, to: string) {
  const goals = await db
    .selectFrom('goals as g')
    .innerJoin('mentorships as m', 'm.id', 'g.mentorship_id')
    .select([...goalColumns, 'm.mentor_id', 'm.mentee_id'])
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'ACCEPTED')
    .where('g.status', '=', 'OPEN')
    .where('g.due_date', '>=', from)
    .where('g.due_date', '<=', to)
    .orderBy('g.id')
    .execute();
  const tasks = await db
    .selectFrom('tasks as t')
    .innerJoin('mentorships as m', 'm.id', 't.mentorship_id')
    .select([...taskColumns, 'm.mentor_id', 'm.mentee_id'])
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'ACCEPTED')
    .where('t.done_at', 'is', null)
    .where('t.due_date', '>=', from)
    .where('t.due_date', '<=', to)
    .orderBy('t.id')
    .execute();
  return {
    goals: goals.map((row) => ({ goal: toGoal(row), mentorId: row.mentor_id, menteeId: row.mentee_id })),
    tasks: tasks.map((row) => ({ task: toTask(row), mentorId: row.mentor_id, menteeId: row.mentee_id })),
  };
}

/**
 * Drops a community's due-date reminders still waiting in the outbox (not yet
 * claimed by a dispatcher) whose day is no longer one of `daysBefore`, so a
 * day an owner took away is not sent after all. Overdue notices stay.
 * Their keys are `goal:<id>:due:<date>:<N>d:<member>` (and `task:…`).
 */
export async function withdrawDueRemindersNotAt(db: Kysely<Database>, communityId: number, daysBefore: readonly number[]): Promise<number> {
  const kept = daysBefore.map((days) => `${days}d`);
  const deleted = await db
    .deleteFrom('outbox')
    .where('community_id', '=', communityId)
    .where((eb) => eb.or([eb('dedupe_key', 'like', 'goal:%:due:%'), eb('dedupe_key', 'like', 'task:%:due:%')]))
    .where(sql<boolean>`split_part(dedupe_key, ':', 5) ~ '^[0-9]+d$'`)
    .$if(kept.length > 0, (query) => query.where(sql<string>`split_part(dedupe_key, ':', 5)`, 'not in', kept))
    .where('status', '=', 'PENDING')
    .where('locked_by', 'is', null)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
