import type { MemberRole } from '../store/database.js';
import type { ActorStatus } from './actor.js';

/**
 * Who may call what: the one authorization table. Every use case names its row
 * and calls `authorize(actor, name)` before anything else; later features add
 * rows (requests, sessions, reports, admin site) here, and the table-driven
 * test in `policy.test.ts` spells out the expected answer for each.
 *
 * A member is allowed when both their role and their status are listed;
 * `system` rows are for jobs and platform events, never for a person.
 */
export interface AccessRule {
  readonly roles: readonly MemberRole[];
  readonly statuses: readonly ActorStatus[];
  readonly system?: true;
}

const everyone = ['REGULAR', 'ADMIN', 'OWNER'] as const satisfies readonly MemberRole[];
const staff = ['ADMIN', 'OWNER'] as const satisfies readonly MemberRole[];
const owners = ['OWNER'] as const satisfies readonly MemberRole[];

// PENDING_APPROVAL members may set up and manage their own profile, but take no
// part in matching; SUSPENDED ones keep only help and the export of their data.
const settingUp = ['PENDING_APPROVAL', 'ACTIVE'] as const satisfies readonly ActorStatus[];
const active = ['ACTIVE'] as const satisfies readonly ActorStatus[];
const systemOnly: AccessRule = { roles: [], statuses: [], system: true };

export const policy = {
  help: { roles: everyone, statuses: ['UNREGISTERED', 'PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED'] },
  'onboarding.start': { roles: everyone, statuses: ['UNREGISTERED', ...settingUp] },
  'onboarding.submit': { roles: everyone, statuses: settingUp },
  'profile.view-own': { roles: everyone, statuses: settingUp },
  // Seeing other members is part of matching, which needs an approved member.
  'profile.view-member': { roles: everyone, statuses: active },
  'profile.edit-form': { roles: everyone, statuses: settingUp },
  'profile.edit': { roles: everyone, statuses: settingUp },
  'profile.skill-levels': { roles: everyone, statuses: settingUp },
  'profile.pause-mentoring': { roles: everyone, statuses: settingUp },
  'notifications.update': { roles: everyone, statuses: settingUp },
  'data.export': { roles: everyone, statuses: ['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED'] },
  // Not while suspended: erasing would wipe what an admin is reviewing. Export still works.
  'data.erase': { roles: everyone, statuses: settingUp },
  'skills.list': { roles: everyone, statuses: settingUp },
  'skills.add': { roles: staff, statuses: active },
  'skills.rename': { roles: staff, statuses: active },
  'skills.archive': { roles: staff, statuses: active },
  'settings.view': { roles: staff, statuses: active },
  'settings.update': { roles: owners, statuses: active },
  'members.change-role': { roles: owners, statuses: active },
  'members.approve': { roles: staff, statuses: active },
  'members.suspend': { roles: staff, statuses: active },
  'members.reinstate': { roles: staff, statuses: active },
  // Requests and relations: only approved members take part, and only in their own
  // (the state machine in core/mentorships/transition-table.ts decides which side may do what).
  'request.send': { roles: everyone, statuses: active },
  'request.accept': { roles: everyone, statuses: active },
  'request.reject': { roles: everyone, statuses: active },
  'request.withdraw': { roles: everyone, statuses: active },
  'request.ask-detail': { roles: everyone, statuses: active },
  'mentorship.cancel': { roles: everyone, statuses: active },
  'mentorship.pause': { roles: everyone, statuses: active },
  'mentorship.resume': { roles: everyone, statuses: active },
  'mentorship.extend': { roles: everyone, statuses: active },
  'mentorship.list-own': { roles: everyone, statuses: active },
  // The member's home (`/mentor home`, Slack's App Home): an invitation before joining, the step to continue while onboarding.
  'home.view': { roles: everyone, statuses: ['UNREGISTERED', ...settingUp] },
  'request.approve': { roles: staff, statuses: active },
  'request.decline': { roles: staff, statuses: active },
  'mentorship.reactivate': { roles: staff, statuses: active },
  // From the admin site: an admin closes a relation as done, or moves its end date (no agreement round trip).
  'mentorship.complete': { roles: staff, statuses: active },
  'mentorship.extend-by-admin': { roles: staff, statuses: active },
  'community.ensure': systemOnly,
  // The program back in a community (the bot re-added, the app installed again, the operator's command): the platform decides, not a person.
  'community.reinstall': systemOnly,
  'members.mark-left': systemOnly,
  'members.mark-returned': systemOnly,
  'members.purge': systemOnly,
  'mentorships.complete-due': systemOnly,
  'mentorships.expire-requests': systemOnly,
  'mentorships.resume-due': systemOnly,
  'mentorships.record-activity': systemOnly,
  'mentorships.find-silent': systemOnly,
  // Matching (core/matching): members see and answer suggestions; staff preview and run rounds; jobs
  // announce, schedule and run the scheduled ones.
  'matching.find-suggestions': { roles: everyone, statuses: active },
  'matching.decline-suggestion': { roles: everyone, statuses: active },
  'matching.accept-suggestion': { roles: everyone, statuses: active },
  'matching.skip-round': { roles: everyone, statuses: active },
  'matching.preview-round': { roles: staff, statuses: active },
  'matching.run-round': { roles: staff, statuses: active },
  'matching.run-scheduled-round': systemOnly,
  'matching.announce-round': systemOnly,
  'matching.schedule-round': systemOnly,
  // The admin site (core/admin, web-admin): staff ask for a sign-in link, read the site's pages
  // (dashboard, lists, history, audit log, CSV exports) and retry failed deliveries.
  'admin.login-link': { roles: staff, statuses: active },
  'admin.view': { roles: staff, statuses: active },
  'outbox.retry': { roles: staff, statuses: active },
  // The owners' danger zone: take the community's data away, or close the program for good.
  'community.export': { roles: owners, statuses: active },
  'community.uninstall': { roles: owners, statuses: active },
  // The mentorship toolkit (core/sessions, core/goals, core/feedback): only the pair acts on its own
  // mentorship's toolkit (anyone else gets not-found); jobs send the reminders.
  'session.propose': { roles: everyone, statuses: active },
  'session.confirm': { roles: everyone, statuses: active },
  'session.reschedule': { roles: everyone, statuses: active },
  'session.cancel': { roles: everyone, statuses: active },
  'session.attendance': { roles: everyone, statuses: active },
  'session.notes': { roles: everyone, statuses: active },
  'session.view': { roles: everyone, statuses: active },
  'goal.add': { roles: everyone, statuses: active },
  'goal.update': { roles: everyone, statuses: active },
  'goal.list': { roles: everyone, statuses: active },
  'task.add': { roles: everyone, statuses: active },
  'task.done': { roles: everyone, statuses: active },
  'feedback.rate-session': { roles: everyone, statuses: active },
  'feedback.final-review': { roles: everyone, statuses: active },
  'feedback.view': { roles: everyone, statuses: active },
  'sessions.remind': systemOnly,
  'goals.remind': systemOnly,
  'engagement.check-in-silent-pairs': systemOnly,
  'engagement.send-digest': systemOnly,
  'engagement.send-admin-summary': systemOnly,
  // Reports (core/reports): a member not yet approved can be harassed too, so they may report; staff handle reports.
  'report.create': { roles: everyone, statuses: settingUp },
  'reports.list': { roles: staff, statuses: active },
  'reports.view': { roles: staff, statuses: active },
  'reports.note': { roles: staff, statuses: active },
  'reports.assign': { roles: staff, statuses: active },
  'reports.warn': { roles: staff, statuses: active },
  'reports.resolve': { roles: staff, statuses: active },
  'reports.suspend-member': { roles: staff, statuses: active },
  'reports.cancel-mentorship': { roles: staff, statuses: active },
} as const satisfies Record<string, AccessRule>;

export type UseCaseName = keyof typeof policy;

export const useCaseNames = Object.keys(policy) as UseCaseName[];
