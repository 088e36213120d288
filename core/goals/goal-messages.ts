import type { CommunityProfile } from '../communities/community.repository.js';
import { interactionId } from '../interaction-ids.js';
import { dateSegment } from '../mentorships/mentorship-messages.js';
import type { Message, RichText } from '../reply.js';
import type { GoalRecord, TaskRecord } from './goal.js';

/** Which notice of a due date: N days before (one of the community's `reminders.goalDueDaysBefore`), or past it. */
export type DueNotice = `${number}d` | 'overdue';

/**
 * Which notice a due date calls for, `daysLeft` days ahead (negative once
 * past), with the community's reminder days: each on its day, or a day late
 * when that morning's run was missed (a "due tomorrow" then goes out on the
 * day itself), but never on or after the next reminder's day. So an item
 * added, or a day added to the setting, after a reminder's day gets that
 * reminder only if it is at most a day late. Null: none today.
 */
export function dueNoticeFor(daysLeft: number, daysBefore: readonly number[]): DueNotice | null {
  if (daysLeft < 0) return 'overdue';
  const days = [...new Set(daysBefore)].sort((a, b) => b - a);
  for (const [index, day] of days.entries()) {
    const next = days[index + 1] ?? -1;
    if (daysLeft <= day && daysLeft >= day - 1 && daysLeft > next) return `${day}d`;
  }
  return null;
}

function dm(title: string, body: RichText, customId: string, label: string): Message {
  return { kind: 'message', visibility: 'private', title, body, actions: [{ type: 'button', customId, label, style: 'success' }] };
}

function when(notice: DueNotice, due: string, community: CommunityProfile): RichText {
  return notice === 'overdue' ? [' was due on ', dateSegment(due, community.timezone), '.'] : [' is due on ', dateSegment(due, community.timezone), '.'];
}

export const goalNotices = {
  goalDue: (goal: GoalRecord, notice: DueNotice, community: CommunityProfile) =>
    dm(notice === 'overdue' ? 'A goal is overdue' : 'A goal is due soon', [`Your goal "${goal.title}"`, ...when(notice, goal.dueDate ?? '', community), notice === 'overdue' ? ' Reached it, or time to adjust the plan?' : ''], interactionId('goal', 'done', goal.id), 'Mark as reached'),
  taskDue: (task: TaskRecord, notice: DueNotice, community: CommunityProfile) =>
    dm(notice === 'overdue' ? 'A task is overdue' : 'A task is due soon', [`Your task "${task.title}"`, ...when(notice, task.dueDate ?? '', community)], interactionId('task', 'done', task.id), 'Mark as done'),
};
