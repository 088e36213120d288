import type { CommunityProfile } from '../communities/community.repository.js';
import { interactionId } from '../interaction-ids.js';
import { dateSegment } from '../mentorships/mentorship-messages.js';
import type { Message, RichText } from '../reply.js';
import type { GoalRecord, TaskRecord } from './goal.js';

/** Which notice of a due date: 3 days before, 1 day before, or past it. */
export type DueNotice = '3d' | '1d' | 'overdue';

/** Which notice a due date calls for, `daysLeft` days ahead (negative once past); null for none yet. */
export function dueNoticeFor(daysLeft: number): DueNotice | null {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 1) return '1d';
  if (daysLeft <= 3) return '3d';
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
