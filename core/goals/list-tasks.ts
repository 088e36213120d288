import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { interactionId } from '../interaction-ids.js';
import { dateSegment } from '../mentorships/mentorship-messages.js';
import { ok, type Outcome } from '../outcome.js';
import { privateMessage, truncate, type Message, type MessageAction, type MessageField } from '../reply.js';
import { loadPair } from '../sessions/pair-context.js';
import type { TaskRecord } from './goal.js';
import { listTasks } from './goal.repository.js';

/**
 * A mentorship's tasks for either side: the open ones (with who does them,
 * priority and due date), then the finished ones, latest first (the
 * relation's achievements). A select marks an open one done.
 */
export async function listMentorshipTasks(deps: CoreDeps, actor: Actor, input: { mentorshipId: number }): Promise<Outcome<{ open: TaskRecord[]; done: TaskRecord[]; reply: Message }>> {
  const auth = authorizeMember(actor, 'goal.list');
  if (!auth.ok) return auth;
  const pair = await loadPair(deps.db, auth.value, input.mentorshipId);
  if (!pair.ok) return pair;
  const tasks = await listTasks(deps.db, input.mentorshipId);
  const open = tasks.filter((task) => !task.doneAt);
  const done = tasks.filter((task) => task.doneAt).sort((left, right) => (right.doneAt?.getTime() ?? 0) - (left.doneAt?.getTime() ?? 0));
  const timezone = pair.value.community.timezone;
  const fields: MessageField[] = [
    ...open.map((task) => ({
      name: truncate(task.title, 100),
      value: [`${task.assigneeRole === 'MENTOR' ? 'Mentor' : 'Mentee'} · ${task.priority.toLowerCase()} priority`, ...(task.dueDate ? [' · due ', dateSegment(task.dueDate, timezone)] : [])],
    })),
    ...done.map((task) => ({ name: truncate(`✓ ${task.title}`, 100), value: ['Done ', { time: task.doneAt ?? new Date(0), style: 'date' as const }] })),
  ];
  const actions: MessageAction[] = [{ type: 'button', customId: interactionId('task', 'add', input.mentorshipId), label: 'Add a task', style: 'primary' }];
  if (open.length > 0) {
    actions.push({
      type: 'select', customId: interactionId('task', 'done'), placeholder: 'Mark a task done', minValues: 1, maxValues: 1,
      options: open.slice(0, 25).map((task) => ({ value: String(task.id), label: truncate(task.title, 100) })),
    });
  }
  const summary = tasks.length === 0 ? 'No tasks yet.' : `${open.length} open, ${done.length} done.`;
  return ok({ open, done, reply: privateMessage([summary], { title: 'Tasks', fields: fields.slice(0, 25), actions }) });
}
