import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeSkill, newcomer, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { ensureCommunity } from '../communities/ensure-community.js';
import { updateSettings } from '../communities/update-settings.js';
import { viewSettings } from '../communities/view-settings.js';
import type { CoreDeps } from '../deps.js';
import { approveMember } from '../members/approve-member.js';
import { changeMemberRole } from '../members/change-member-role.js';
import { markMemberLeft } from '../members/mark-member-left.js';
import { markMemberReturned } from '../members/mark-member-returned.js';
import { purgeMembers } from '../members/purge-members.js';
import { reinstateMember } from '../members/reinstate-member.js';
import { suspendMember } from '../members/suspend-member.js';
import { startOnboarding } from '../onboarding/start-onboarding.js';
import { submitOnboardingStep } from '../onboarding/submit-onboarding-step.js';
import type { Outcome } from '../outcome.js';
import { eraseMemberData } from '../privacy/erase-member-data.js';
import { exportMemberData } from '../privacy/export-member-data.js';
import { editProfile } from '../profiles/edit-profile.js';
import { openNotificationSettings } from '../profiles/open-notification-settings.js';
import { openProfileEditor } from '../profiles/open-profile-editor.js';
import { openSkillLevels } from '../profiles/open-skill-levels.js';
import { pauseMentoring } from '../profiles/pause-mentoring.js';
import { setSkillLevels } from '../profiles/set-skill-levels.js';
import { updateNotificationPreferences } from '../profiles/update-notification-preferences.js';
import { viewMemberProfile } from '../profiles/view-member-profile.js';
import { viewOwnProfile } from '../profiles/view-own-profile.js';
import { addSkill } from '../skills/add-skill.js';
import { archiveSkill } from '../skills/archive-skill.js';
import { listCommunitySkills } from '../skills/list-community-skills.js';
import { renameSkill } from '../skills/rename-skill.js';
import type { MemberRole } from '../store/database.js';
import { systemActor, type Actor, type ActorStatus } from './actor.js';
import { authorize } from './authorize.js';
import { useCaseNames, type UseCaseName } from './policy.js';

type Call = (deps: CoreDeps, actor: Actor, community: BuiltCommunity) => Promise<Outcome<unknown>>;

/**
 * Every use case, called for real. 'help' has no core function yet (the help
 * text comes from commands.json in the commands issue), so it is the one name
 * left out; the type makes every other name required.
 */
const calls: Record<Exclude<UseCaseName, 'help'>, Call[]> = {
  'onboarding.start': [(deps, actor) => startOnboarding(deps, actor, { displayName: 'Someone' })],
  'onboarding.submit': [(deps, actor) => submitOnboardingStep(deps, actor, { step: 'PROFILE', values: { yearsExperience: '5' } })],
  'profile.view-own': [(deps, actor) => viewOwnProfile(deps, actor)],
  'profile.view-member': [async (deps, actor, community) => viewMemberProfile(deps, actor, { memberId: (await makeMember(deps.db, community)).id })],
  'profile.edit-form': [(deps, actor) => openProfileEditor(deps, actor, { section: 'SCHEDULE' })],
  'profile.edit': [(deps, actor) => editProfile(deps, actor, { section: 'PROFILE', values: { yearsExperience: '7' } })],
  'profile.skill-levels': [(deps, actor) => openSkillLevels(deps, actor, { page: 0 }), (deps, actor) => setSkillLevels(deps, actor, { page: 0, values: {} })],
  'profile.pause-mentoring': [(deps, actor) => pauseMentoring(deps, actor, { until: '2026-05-01' })],
  'notifications.update': [
    (deps, actor) => openNotificationSettings(deps, actor),
    (deps, actor) => updateNotificationPreferences(deps, actor, { values: { digest: ['daily'], dmKinds: ['requests'] } }),
  ],
  'data.export': [(deps, actor) => exportMemberData(deps, actor)],
  'data.erase': [(deps, actor) => eraseMemberData(deps, actor)],
  'skills.list': [(deps, actor) => listCommunitySkills(deps, actor)],
  'skills.add': [(deps, actor) => addSkill(deps, actor, { name: `Rust ${randomUUID().slice(0, 6)}` })],
  'skills.rename': [async (deps, actor, community) => renameSkill(deps, actor, { skillId: (await makeSkill(deps.db, community)).id, name: `Go ${randomUUID().slice(0, 6)}` })],
  'skills.archive': [async (deps, actor, community) => archiveSkill(deps, actor, { skillId: (await makeSkill(deps.db, community)).id })],
  'settings.view': [(deps, actor) => viewSettings(deps, actor)],
  'settings.update': [(deps, actor) => updateSettings(deps, actor, { programName: 'Renamed program' })],
  'members.change-role': [async (deps, actor, community) => changeMemberRole(deps, actor, { memberId: (await makeMember(deps.db, community)).id, role: 'ADMIN' })],
  'members.approve': [async (deps, actor, community) => approveMember(deps, actor, { memberId: (await makeMember(deps.db, community, { status: 'PENDING_APPROVAL' })).id })],
  'members.suspend': [async (deps, actor, community) => suspendMember(deps, actor, { memberId: (await makeMember(deps.db, community)).id, reason: 'Spam' })],
  'members.reinstate': [async (deps, actor, community) => reinstateMember(deps, actor, { memberId: (await makeMember(deps.db, community, { status: 'SUSPENDED' })).id })],
  'community.ensure': [
    (deps, actor) => ensureCommunity(deps, actor, { platform: 'slack', externalId: `T${randomUUID()}`, name: 'Other', ownerPlatformUserId: 'U1', ownerDisplayName: 'One' }),
  ],
  'members.mark-left': [
    async (deps, actor, community) => markMemberLeft(deps, actor, { communityId: community.id, platformUserId: (await makeMember(deps.db, community)).platformUserId }),
  ],
  'members.mark-returned': [
    async (deps, actor, community) =>
      markMemberReturned(deps, actor, { communityId: community.id, platformUserId: (await makeMember(deps.db, community, { status: 'LEFT' })).platformUserId }),
  ],
  'members.purge': [(deps, actor) => purgeMembers(deps, actor, { now: new Date('2026-03-01T00:00:00Z') })],
};

const roles: MemberRole[] = ['REGULAR', 'ADMIN', 'OWNER'];
const statuses: ActorStatus[] = ['UNREGISTERED', 'PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'LEFT'];
const who = [...roles.flatMap((role) => statuses.map((status) => ({ role, status }))), 'system' as const];

describe('every use case checks the policy table first', () => {
  const database = useTestDatabase();

  it('covers every use case in the table', () => {
    expect([...Object.keys(calls), 'help'].sort()).toEqual([...useCaseNames].sort());
  });

  it.each(Object.keys(calls) as Exclude<UseCaseName, 'help'>[])('%s', async (useCase) => {
    const deps: CoreDeps = { db: database.db, clock: fixedClock('2026-03-01T12:00:00Z') };
    for (const call of calls[useCase]) {
      for (const caller of who) {
        // A fresh community per caller, so one caller's effects (an erased owner, a renamed program) never change another's answer.
        const community = await makeCommunity(database.db);
        // Another active owner, so an owner erasing their data is not refused for being the last one.
        await makeMember(database.db, community, { role: 'OWNER' });
        const actor: Actor =
          caller === 'system'
            ? systemActor
            : caller.status === 'UNREGISTERED'
              ? { ...newcomer(community), role: caller.role }
              : actorFor(await makeMember(database.db, community, { role: caller.role, status: caller.status }));
        const label = caller === 'system' ? 'system' : `${caller.role}/${caller.status}`;
        const outcome = await call(deps, actor, community);
        if (authorize(actor, useCase)) {
          expect(outcome.ok ? 'allowed' : outcome.problem.code, `${useCase} for ${label}`).toBe('forbidden');
        } else {
          expect(outcome.ok ? 'ok' : outcome.problem, `${useCase} for ${label}`).toBe('ok');
        }
      }
    }
  });
});
