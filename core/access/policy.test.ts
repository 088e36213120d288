import { describe, expect, it } from 'vitest';
import type { MemberRole } from '../store/database.js';
import type { ActorStatus, MemberActor } from './actor.js';
import { systemActor } from './actor.js';
import { authorize } from './authorize.js';
import { useCaseNames, type UseCaseName } from './policy.js';

const roles: MemberRole[] = ['REGULAR', 'ADMIN', 'OWNER'];
const statuses: ActorStatus[] = ['UNREGISTERED', 'PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'LEFT'];

/**
 * The expected answers, written out again on purpose (not derived from the
 * policy): a change to `policy.ts` must be made here too, deliberately.
 * Each row: who is allowed, as roles x statuses, or 'system'.
 */
type Expected = { roles: MemberRole[]; statuses: ActorStatus[] } | 'system';
const all = roles;
const staff: MemberRole[] = ['ADMIN', 'OWNER'];
const settingUp: ActorStatus[] = ['PENDING_APPROVAL', 'ACTIVE'];
const expected: Record<UseCaseName, Expected> = {
  help: { roles: all, statuses: ['UNREGISTERED', 'PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED'] },
  'onboarding.start': { roles: all, statuses: ['UNREGISTERED', 'PENDING_APPROVAL', 'ACTIVE'] },
  'onboarding.submit': { roles: all, statuses: settingUp },
  'profile.view-own': { roles: all, statuses: settingUp },
  'profile.view-member': { roles: all, statuses: ['ACTIVE'] },
  'profile.edit-form': { roles: all, statuses: settingUp },
  'profile.edit': { roles: all, statuses: settingUp },
  'profile.skill-levels': { roles: all, statuses: settingUp },
  'profile.pause-mentoring': { roles: all, statuses: settingUp },
  'notifications.update': { roles: all, statuses: settingUp },
  'data.export': { roles: all, statuses: ['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED'] },
  'data.erase': { roles: all, statuses: settingUp },
  'skills.list': { roles: all, statuses: settingUp },
  'skills.add': { roles: staff, statuses: ['ACTIVE'] },
  'skills.rename': { roles: staff, statuses: ['ACTIVE'] },
  'skills.archive': { roles: staff, statuses: ['ACTIVE'] },
  'settings.view': { roles: staff, statuses: ['ACTIVE'] },
  'settings.update': { roles: ['OWNER'], statuses: ['ACTIVE'] },
  'members.change-role': { roles: ['OWNER'], statuses: ['ACTIVE'] },
  'members.approve': { roles: staff, statuses: ['ACTIVE'] },
  'members.suspend': { roles: staff, statuses: ['ACTIVE'] },
  'members.reinstate': { roles: staff, statuses: ['ACTIVE'] },
  'request.send': { roles: all, statuses: ['ACTIVE'] },
  'request.accept': { roles: all, statuses: ['ACTIVE'] },
  'request.reject': { roles: all, statuses: ['ACTIVE'] },
  'request.withdraw': { roles: all, statuses: ['ACTIVE'] },
  'request.ask-detail': { roles: all, statuses: ['ACTIVE'] },
  'mentorship.cancel': { roles: all, statuses: ['ACTIVE'] },
  'mentorship.pause': { roles: all, statuses: ['ACTIVE'] },
  'mentorship.resume': { roles: all, statuses: ['ACTIVE'] },
  'mentorship.extend': { roles: all, statuses: ['ACTIVE'] },
  'mentorship.list-own': { roles: all, statuses: ['ACTIVE'] },
  'home.view': { roles: all, statuses: ['UNREGISTERED', 'PENDING_APPROVAL', 'ACTIVE'] },
  'request.approve': { roles: staff, statuses: ['ACTIVE'] },
  'request.decline': { roles: staff, statuses: ['ACTIVE'] },
  'mentorship.reactivate': { roles: staff, statuses: ['ACTIVE'] },
  'mentorship.complete': { roles: staff, statuses: ['ACTIVE'] },
  'mentorship.extend-by-admin': { roles: staff, statuses: ['ACTIVE'] },
  'community.ensure': 'system',
  'community.reinstall': 'system',
  'members.mark-left': 'system',
  'members.mark-returned': 'system',
  'members.purge': 'system',
  'mentorships.complete-due': 'system',
  'mentorships.expire-requests': 'system',
  'mentorships.resume-due': 'system',
  'mentorships.record-activity': 'system',
  'mentorships.find-silent': 'system',
  'matching.find-suggestions': { roles: all, statuses: ['ACTIVE'] },
  'matching.decline-suggestion': { roles: all, statuses: ['ACTIVE'] },
  'matching.accept-suggestion': { roles: all, statuses: ['ACTIVE'] },
  'matching.skip-round': { roles: all, statuses: ['ACTIVE'] },
  'matching.preview-round': { roles: staff, statuses: ['ACTIVE'] },
  'matching.run-round': { roles: staff, statuses: ['ACTIVE'] },
  'matching.run-scheduled-round': 'system',
  'matching.announce-round': 'system',
  'matching.schedule-round': 'system',
  'admin.login-link': { roles: staff, statuses: ['ACTIVE'] },
  'admin.view': { roles: staff, statuses: ['ACTIVE'] },
  'outbox.retry': { roles: staff, statuses: ['ACTIVE'] },
  'community.export': { roles: ['OWNER'], statuses: ['ACTIVE'] },
  'community.uninstall': { roles: ['OWNER'], statuses: ['ACTIVE'] },
  'session.propose': { roles: all, statuses: ['ACTIVE'] },
  'session.confirm': { roles: all, statuses: ['ACTIVE'] },
  'session.reschedule': { roles: all, statuses: ['ACTIVE'] },
  'session.cancel': { roles: all, statuses: ['ACTIVE'] },
  'session.attendance': { roles: all, statuses: ['ACTIVE'] },
  'session.notes': { roles: all, statuses: ['ACTIVE'] },
  'session.view': { roles: all, statuses: ['ACTIVE'] },
  'goal.add': { roles: all, statuses: ['ACTIVE'] },
  'goal.update': { roles: all, statuses: ['ACTIVE'] },
  'goal.list': { roles: all, statuses: ['ACTIVE'] },
  'task.add': { roles: all, statuses: ['ACTIVE'] },
  'task.done': { roles: all, statuses: ['ACTIVE'] },
  'feedback.rate-session': { roles: all, statuses: ['ACTIVE'] },
  'feedback.final-review': { roles: all, statuses: ['ACTIVE'] },
  'feedback.view': { roles: all, statuses: ['ACTIVE'] },
  'sessions.remind': 'system',
  'goals.remind': 'system',
  'engagement.check-in-silent-pairs': 'system',
  'engagement.send-digest': 'system',
  'engagement.send-admin-summary': 'system',
  'report.create': { roles: all, statuses: settingUp },
  'reports.list': { roles: staff, statuses: ['ACTIVE'] },
  'reports.view': { roles: staff, statuses: ['ACTIVE'] },
  'reports.note': { roles: staff, statuses: ['ACTIVE'] },
  'reports.assign': { roles: staff, statuses: ['ACTIVE'] },
  'reports.warn': { roles: staff, statuses: ['ACTIVE'] },
  'reports.resolve': { roles: staff, statuses: ['ACTIVE'] },
  'reports.suspend-member': { roles: staff, statuses: ['ACTIVE'] },
  'reports.cancel-mentorship': { roles: staff, statuses: ['ACTIVE'] },
};

function actor(role: MemberRole, status: ActorStatus): MemberActor {
  return { kind: 'member', communityId: 1, memberId: status === 'UNREGISTERED' ? null : 7, platformUserId: 'U7', role, status };
}

const cases = useCaseNames.flatMap((useCase) =>
  [...roles.flatMap((role) => statuses.map((status) => ({ useCase, who: `${role}/${status}`, actor: actor(role, status) }))), { useCase, who: 'system', actor: systemActor }],
);

describe('the policy table', () => {
  it('has an expected row for every use case, and no other', () => {
    expect(Object.keys(expected).sort()).toEqual([...useCaseNames].sort());
  });

  it.each(cases)('$useCase for $who', ({ useCase, who, actor }) => {
    const rule = expected[useCase];
    const allowed =
      actor.kind === 'system' ? rule === 'system' : rule !== 'system' && rule.roles.includes(actor.role) && rule.statuses.includes(actor.status);
    const denied = authorize(actor, useCase);
    expect(denied === null, `${useCase} for ${who}`).toBe(allowed);
    if (denied) expect(denied.problem.code).toBe('forbidden');
  });

  it('tells a suspended member what still works', () => {
    const denied = authorize(actor('REGULAR', 'SUSPENDED'), 'profile.edit');
    expect(denied?.problem.message).toMatch(/export your data/);
  });

  it('tells a regular member the action is for staff', () => {
    expect(authorize(actor('REGULAR', 'ACTIVE'), 'skills.add')?.problem.message).toMatch(/admins and owners/);
    expect(authorize(actor('ADMIN', 'ACTIVE'), 'settings.update')?.problem.message).toMatch(/owner/);
  });
});
