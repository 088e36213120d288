import type { Actor } from '../core/access/actor.js';
import type { UseCaseName } from '../core/access/policy.js';
import type { CoreDeps } from '../core/deps.js';
import { openFinalReviewForm, openSessionRatingForm } from '../core/feedback/feedback-forms.js';
import { giveFinalReview } from '../core/feedback/give-final-review.js';
import { findPendingFeedback } from '../core/feedback/pending-feedback.js';
import { rateSession } from '../core/feedback/rate-session.js';
import { viewMentorshipFeedback } from '../core/feedback/view-feedback.js';
import { addGoal } from '../core/goals/add-goal.js';
import { addTask } from '../core/goals/add-task.js';
import { completeTask } from '../core/goals/complete-task.js';
import { chooseGoal, chooseTask, listGoalChoices, listTaskChoices } from '../core/goals/goal-choices.js';
import { openGoalForm, openTaskForm } from '../core/goals/goal-forms.js';
import { listMentorshipGoals } from '../core/goals/list-goals.js';
import { listMentorshipTasks } from '../core/goals/list-tasks.js';
import { sendGoalReminders } from '../core/goals/send-goal-reminders.js';
import { setGoalStatus } from '../core/goals/update-goal.js';
import type { Outcome } from '../core/outcome.js';
import { reportMember, reportMentorship } from '../core/reports/create-report.js';
import { assignReport, noteReport, resolveReport, warnMember } from '../core/reports/handle-report.js';
import { listReports } from '../core/reports/list-reports.js';
import { detailsContext } from '../core/reports/report.js';
import { openReportForm } from '../core/reports/report-form.js';
import { viewReportMessage } from '../core/reports/report-message.js';
import { cancelReportedMentorship, suspendReportedMember } from '../core/reports/report-sanctions.js';
import { viewReport } from '../core/reports/view-report.js';
import { cancelSession } from '../core/sessions/cancel-session.js';
import { confirmSession } from '../core/sessions/confirm-session.js';
import { listSessions } from '../core/sessions/list-sessions.js';
import { proposeSession } from '../core/sessions/propose-session.js';
import { recordAttendance } from '../core/sessions/record-attendance.js';
import { rescheduleSession } from '../core/sessions/reschedule-session.js';
import { sendSessionReminders } from '../core/sessions/send-session-reminders.js';
import { openCancelForm, openCounterForm, openNotesForm, openScheduleForm } from '../core/sessions/session-forms.js';
import { saveSessionNotes, viewSession } from '../core/sessions/session-notes.js';
import type { MentorshipStatus, SessionStatus } from '../core/store/database.js';
import { makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from './builders.js';
import { testCipher } from './field-cipher.js';

/**
 * The toolkit's rows of `core/access/use-case-gates.test.ts`: each use case
 * called for real, set up so it succeeds for anyone the policy allows (the
 * gates test runs them at 2026-03-01T12:00Z). Kept here so the shared test
 * file only spreads them in.
 */
type Call = (deps: CoreDeps, actor: Actor, community: BuiltCommunity) => Promise<Outcome<unknown>>;

export type ToolkitUseCase = Extract<UseCaseName, `session.${string}` | `sessions.${string}` | `goal.${string}` | `goals.${string}` | `task.${string}` | `feedback.${string}` | `report.${string}` | `reports.${string}`>;

const sealing = (deps: CoreDeps) => ({ ...deps, cipher: testCipher });

/** The actor's own member (a new one when they have no row), so setup never depends on who calls. */
async function selfOf(deps: CoreDeps, actor: Actor, community: BuiltCommunity): Promise<BuiltMember> {
  if (actor.kind === 'member' && actor.memberId !== null) {
    return { id: actor.memberId, communityId: community.id, platformUserId: actor.platformUserId, displayName: 'Actor', role: actor.role, status: 'ACTIVE' };
  }
  return makeMember(deps.db, community);
}

/** A mentorship with the actor as mentee. */
async function pairOf(deps: CoreDeps, actor: Actor, community: BuiltCommunity, status: MentorshipStatus = 'ACCEPTED') {
  const self = await selfOf(deps, actor, community);
  const partner = await makeMember(deps.db, community);
  const { id } = await makeMentorship(deps.db, community, { mentor: partner, mentee: self, status });
  return { mentorshipId: id, self, partner };
}

/** A session of the actor's mentorship, proposed by the other side. */
async function sessionOf(deps: CoreDeps, actor: Actor, community: BuiltCommunity, status: SessionStatus, startsAt = '2026-03-10T17:00:00Z') {
  const pair = await pairOf(deps, actor, community);
  const row = await deps.db
    .insertInto('mentoring_sessions')
    .values({ mentorship_id: pair.mentorshipId, proposed_by: pair.partner.id, status, kind: 'VIDEO_CALL', starts_at: startsAt, duration_minutes: 60 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A report between two other members, optionally about their mentorship. */
async function reportIn(deps: CoreDeps, community: BuiltCommunity, options: { aboutMentorship?: boolean } = {}) {
  const reporter = await makeMember(deps.db, community);
  const reported = await makeMember(deps.db, community);
  const mentorship = options.aboutMentorship ? await makeMentorship(deps.db, community, { mentor: reported, mentee: reporter }) : null;
  const row = await deps.db
    .insertInto('reports')
    .values({ community_id: community.id, reporter_id: reporter.id, reported_member_id: reported.id, mentorship_id: mentorship?.id ?? null, category: 'OTHER', details_encrypted: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.db.updateTable('reports').set({ details_encrypted: testCipher.seal('Something happened that admins should know.', detailsContext(row.id)) }).where('id', '=', row.id).execute();
  return row.id;
}

const details = 'Kept asking for my home address after I said no.';
const slot = { date: '2026-03-12', time: '18:00', durationMinutes: 60, kind: 'VIDEO_CALL' as const };

export const toolkitGateCalls: Record<ToolkitUseCase, Call[]> = {
  'session.propose': [
    async (deps, actor, community) => proposeSession(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId, values: slot }),
    async (deps, actor, community) => openScheduleForm(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
  ],
  'session.confirm': [async (deps, actor, community) => confirmSession(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'PROPOSED') })],
  'session.reschedule': [
    async (deps, actor, community) => rescheduleSession(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'CONFIRMED'), values: { date: '2026-03-13', time: '18:00', reason: 'Travelling' } }),
    async (deps, actor, community) => openCounterForm(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'CONFIRMED') }),
  ],
  'session.cancel': [
    async (deps, actor, community) => cancelSession(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'PROPOSED'), reason: 'Not that week' }),
    async (deps, actor, community) => openCancelForm(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'PROPOSED') }),
  ],
  'session.attendance': [async (deps, actor, community) => recordAttendance(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'CONFIRMED', '2026-02-20T17:00:00Z'), attended: true })],
  'session.notes': [
    async (deps, actor, community) => saveSessionNotes(sealing(deps), actor, { sessionId: await sessionOf(deps, actor, community, 'CONFIRMED'), notes: '- agenda' }),
    async (deps, actor, community) => openNotesForm(sealing(deps), actor, { sessionId: await sessionOf(deps, actor, community, 'CONFIRMED') }),
  ],
  'session.view': [
    async (deps, actor, community) => viewSession(sealing(deps), actor, { sessionId: await sessionOf(deps, actor, community, 'CONFIRMED') }),
    async (deps, actor, community) => listSessions(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
  ],
  'sessions.remind': [(deps, actor, community) => sendSessionReminders(deps, actor, { communityId: community.id })],
  'goal.add': [
    async (deps, actor, community) => addGoal(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId, values: { title: 'Ship it' } }),
    async (deps, actor, community) => openGoalForm(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
  ],
  'goal.update': [
    async (deps, actor, community) => {
      const { mentorshipId } = await pairOf(deps, actor, community);
      const goal = await deps.db.insertInto('goals').values({ mentorship_id: mentorshipId, title: 'Learn SQL' }).returning('id').executeTakeFirstOrThrow();
      return setGoalStatus(deps, actor, { goalId: goal.id, status: 'DONE' });
    },
    (deps, actor) => listGoalChoices(deps, actor, { typed: 'sql' }),
    async (deps, actor, community) => {
      const { mentorshipId } = await pairOf(deps, actor, community);
      await deps.db.insertInto('goals').values({ mentorship_id: mentorshipId, title: 'Learn window functions' }).execute();
      return chooseGoal(deps, actor, { typed: 'window' });
    },
  ],
  'goal.list': [
    async (deps, actor, community) => listMentorshipGoals(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
    async (deps, actor, community) => listMentorshipTasks(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
  ],
  'task.add': [
    async (deps, actor, community) => addTask(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId, values: { title: 'Read a chapter', assignee: 'MENTEE' } }),
    async (deps, actor, community) => openTaskForm(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
  ],
  'task.done': [
    async (deps, actor, community) => {
      const { mentorshipId } = await pairOf(deps, actor, community);
      const task = await deps.db.insertInto('tasks').values({ mentorship_id: mentorshipId, title: 'Read a chapter', assignee_role: 'MENTEE' }).returning('id').executeTakeFirstOrThrow();
      return completeTask(deps, actor, { taskId: task.id });
    },
    (deps, actor) => listTaskChoices(deps, actor, { typed: '' }),
    async (deps, actor, community) => {
      const { mentorshipId } = await pairOf(deps, actor, community);
      await deps.db.insertInto('tasks').values({ mentorship_id: mentorshipId, title: 'Write the migration', assignee_role: 'MENTEE' }).execute();
      return chooseTask(deps, actor, { typed: 'migration' });
    },
  ],
  'goals.remind': [(deps, actor, community) => sendGoalReminders(deps, actor, { communityId: community.id })],
  'feedback.rate-session': [
    async (deps, actor, community) => rateSession(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'COMPLETED', '2026-02-20T17:00:00Z'), values: { rating: 5 } }),
    async (deps, actor, community) => openSessionRatingForm(deps, actor, { sessionId: await sessionOf(deps, actor, community, 'COMPLETED', '2026-02-20T17:00:00Z') }),
  ],
  'feedback.final-review': [
    async (deps, actor, community) => giveFinalReview(deps, actor, { mentorshipId: (await pairOf(deps, actor, community, 'COMPLETED')).mentorshipId, values: { rating: 4 } }),
    async (deps, actor, community) => openFinalReviewForm(deps, actor, { mentorshipId: (await pairOf(deps, actor, community, 'COMPLETED')).mentorshipId }),
  ],
  'feedback.view': [
    async (deps, actor, community) => viewMentorshipFeedback(deps, actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId }),
    async (deps, actor, community) => findPendingFeedback(deps, actor, { mentorshipId: (await pairOf(deps, actor, community, 'COMPLETED')).mentorshipId }),
  ],
  'report.create': [
    async (deps, actor, community) => reportMember(sealing(deps), actor, { memberId: (await makeMember(deps.db, community)).id, values: { category: 'HARASSMENT', details } }),
    async (deps, actor, community) => reportMentorship(sealing(deps), actor, { mentorshipId: (await pairOf(deps, actor, community)).mentorshipId, values: { category: 'NO_SHOW', details } }),
    async (deps, actor, community) => openReportForm(deps, actor, { subject: { memberId: (await makeMember(deps.db, community)).id }, messageLink: 'https://chat.example.org/m/1' }),
  ],
  'reports.list': [(deps, actor) => listReports(deps, actor)],
  'reports.view': [
    async (deps, actor, community) => viewReport(sealing(deps), actor, { reportId: await reportIn(deps, community) }),
    async (deps, actor, community) => viewReportMessage(sealing(deps), actor, { reportId: await reportIn(deps, community), publicUrl: 'https://mentor.example.org' }),
  ],
  'reports.note': [async (deps, actor, community) => noteReport(sealing(deps), actor, { reportId: await reportIn(deps, community), note: 'Called both.' })],
  'reports.assign': [async (deps, actor, community) => assignReport(deps, actor, { reportId: await reportIn(deps, community) })],
  'reports.warn': [async (deps, actor, community) => warnMember(deps, actor, { reportId: await reportIn(deps, community), message: 'Please keep to the code of conduct.' })],
  'reports.resolve': [async (deps, actor, community) => resolveReport(deps, actor, { reportId: await reportIn(deps, community), message: 'We talked to the member.' })],
  'reports.suspend-member': [async (deps, actor, community) => suspendReportedMember(deps, actor, { reportId: await reportIn(deps, community), reason: 'Repeated harassment' })],
  'reports.cancel-mentorship': [async (deps, actor, community) => cancelReportedMentorship(deps, actor, { reportId: await reportIn(deps, community, { aboutMentorship: true }), reason: 'Unsafe relation' })],
};
