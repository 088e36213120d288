import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship, makeSkill, newcomer, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { toolkitGateCalls } from '../../test/toolkit-gate-calls.js';
import { adminCompleteMentorship } from '../admin/complete-mentorship.js';
import { createLoginLink } from '../admin/create-login-link.js';
import { viewDashboard } from '../admin/dashboard.js';
import { exportCsv } from '../admin/export-csv.js';
import { adminExtendMentorship } from '../admin/extend-mentorship.js';
import { listAuditLog } from '../admin/list-audit-log.js';
import { listMembers } from '../admin/list-members.js';
import { listMentorships, viewMentorship } from '../admin/mentorship-records.js';
import { retryDelivery } from '../admin/retry-delivery.js';
import { listRounds, viewRound } from '../admin/round-records.js';
import { ensureCommunity } from '../communities/ensure-community.js';
import { exportCommunityData } from '../communities/export-community-data.js';
import { reinstallCommunity } from '../communities/reinstall-community.js';
import { uninstallCommunity } from '../communities/uninstall-community.js';
import { updateSettings } from '../communities/update-settings.js';
import { viewSettings } from '../communities/view-settings.js';
import type { CoreDeps } from '../deps.js';
import { acceptSuggestion } from '../matching/accept-suggestion.js';
import { announceRound } from '../matching/announce-round.js';
import { declineSuggestion } from '../matching/decline-suggestion.js';
import { findSuggestions } from '../matching/find-suggestions.js';
import { previewRound } from '../matching/preview-round.js';
import { runRound, runScheduledRound } from '../matching/run-round.js';
import { scheduleNextRound } from '../matching/schedule-next-round.js';
import { skipRound } from '../matching/skip-round.js';
import { approveMember } from '../members/approve-member.js';
import { changeMemberRole } from '../members/change-member-role.js';
import { markMemberLeft } from '../members/mark-member-left.js';
import { acceptRequest } from '../mentorships/accept-request.js';
import { approveRequest } from '../mentorships/approve-request.js';
import { askForDetail } from '../mentorships/ask-for-detail.js';
import { cancelMentorship } from '../mentorships/cancel-mentorship.js';
import { completeDueMentorships } from '../mentorships/complete-due-mentorships.js';
import { declineRequest } from '../mentorships/decline-request.js';
import { expirePendingRequests } from '../mentorships/expire-pending-requests.js';
import { extendMentorship } from '../mentorships/extend-mentorship.js';
import { viewHome } from '../home/view-home.js';
import { findSilentMentorships } from '../mentorships/find-silent-mentorships.js';
import { checkInSilentPairs } from '../engagement/check-in-silent-pairs.js';
import { sendAdminSummary } from '../engagement/send-admin-summary.js';
import { sendWeeklyDigest } from '../engagement/send-weekly-digest.js';
import { listMentorshipChoices } from '../interactions/mentorship-choices.js';
import { listMemberMentorships } from '../mentorships/list-member-mentorships.js';
import { openRequestForm } from '../mentorships/open-request-form.js';
import { pauseMentorship } from '../mentorships/pause-mentorship.js';
import { reactivateMentorship } from '../mentorships/reactivate-mentorship.js';
import { recordSpaceActivity } from '../mentorships/record-space-activity.js';
import { rejectRequest } from '../mentorships/reject-request.js';
import { resumeDueMentorships } from '../mentorships/resume-due-mentorships.js';
import { resumeMentorship } from '../mentorships/resume-mentorship.js';
import { sendRequest } from '../mentorships/send-request.js';
import { withdrawRequest } from '../mentorships/withdraw-request.js';
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
import type { MemberRole, MentorshipStatus } from '../store/database.js';
import { systemActor, type Actor, type ActorStatus } from './actor.js';
import { authorize } from './authorize.js';
import { useCaseNames, type UseCaseName } from './policy.js';

type Call = (deps: CoreDeps, actor: Actor, community: BuiltCommunity) => Promise<Outcome<unknown>>;

/**
 * A mentorship in `status` with the actor on the given side (sender, or
 * receiver); between two other members when the actor has no member row or
 * acts as an admin.
 */
async function mentorshipFor(deps: CoreDeps, actor: Actor, community: BuiltCommunity, status: MentorshipStatus, side: 'sender' | 'receiver' | 'none'): Promise<number> {
  const partner = await makeMember(deps.db, community);
  const self: BuiltMember =
    side !== 'none' && actor.kind === 'member' && actor.memberId !== null
      ? { id: actor.memberId, communityId: community.id, platformUserId: actor.platformUserId, displayName: 'Actor', role: actor.role, status: 'ACTIVE' }
      : await makeMember(deps.db, community);
  // The mentee sends: as sender the actor is the mentee, as receiver the mentor.
  const [mentor, mentee] = side === 'sender' ? [partner, self] : [self, partner];
  return (await makeMentorship(deps.db, community, { mentor, mentee, status })).id;
}
const onMentorship = (status: MentorshipStatus, side: 'sender' | 'receiver' | 'none', act: (deps: CoreDeps, actor: Actor, mentorshipId: number, community: BuiltCommunity) => Promise<Outcome<unknown>>): Call =>
  async (deps, actor, community) => act(deps, actor, await mentorshipFor(deps, actor, community, status, side), community);

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
  'request.send': [
    async (deps, actor, community) => openRequestForm(deps, actor, { receiverMemberId: (await makeMember(deps.db, community)).id }),
    async (deps, actor, community) =>
      sendRequest(deps, actor, {
        receiverMemberId: (await makeMember(deps.db, community)).id,
        values: { senderRole: ['MENTEE'], description: 'Learn to review pull requests kindly', endDate: '2026-05-24' },
      }),
  ],
  'request.accept': [onMentorship('PENDING', 'receiver', (deps, actor, mentorshipId) => acceptRequest(deps, actor, { mentorshipId }))],
  'request.reject': [onMentorship('PENDING', 'receiver', (deps, actor, mentorshipId) => rejectRequest(deps, actor, { mentorshipId, reason: 'No time' }))],
  'request.withdraw': [onMentorship('PENDING', 'sender', (deps, actor, mentorshipId) => withdrawRequest(deps, actor, { mentorshipId }))],
  'request.ask-detail': [onMentorship('PENDING', 'receiver', (deps, actor, mentorshipId) => askForDetail(deps, actor, { mentorshipId, question: 'Which stack?' }))],
  'mentorship.cancel': [onMentorship('ACCEPTED', 'receiver', (deps, actor, mentorshipId) => cancelMentorship(deps, actor, { mentorshipId, reason: 'Moving abroad' }))],
  'mentorship.pause': [onMentorship('ACCEPTED', 'sender', (deps, actor, mentorshipId) => pauseMentorship(deps, actor, { mentorshipId, until: '2026-04-01' }))],
  'mentorship.resume': [onMentorship('PAUSED', 'receiver', (deps, actor, mentorshipId) => resumeMentorship(deps, actor, { mentorshipId }))],
  'mentorship.extend': [onMentorship('ACCEPTED', 'sender', (deps, actor, mentorshipId) => extendMentorship(deps, actor, { mentorshipId, endDate: '2026-07-15' }))],
  'mentorship.list-own': [(deps, actor) => listMemberMentorships(deps, actor), (deps, actor) => listMentorshipChoices(deps, actor, { typed: 'postgres' })],
  'home.view': [(deps, actor) => viewHome(deps, actor)],
  'request.approve': [onMentorship('AWAITING_APPROVAL', 'none', (deps, actor, mentorshipId) => approveRequest(deps, actor, { mentorshipId }))],
  'request.decline': [onMentorship('AWAITING_APPROVAL', 'none', (deps, actor, mentorshipId) => declineRequest(deps, actor, { mentorshipId }))],
  'mentorship.reactivate': [onMentorship('CANCELLED', 'none', (deps, actor, mentorshipId) => reactivateMentorship(deps, actor, { mentorshipId }))],
  'mentorship.complete': [onMentorship('ACCEPTED', 'none', (deps, actor, mentorshipId) => adminCompleteMentorship(deps, actor, { mentorshipId }))],
  'mentorship.extend-by-admin': [onMentorship('PAUSED', 'none', (deps, actor, mentorshipId) => adminExtendMentorship(deps, actor, { mentorshipId, endDate: '2026-07-15' }))],
  'mentorships.complete-due': [(deps, actor, community) => completeDueMentorships(deps, actor, { communityId: community.id })],
  'mentorships.expire-requests': [(deps, actor, community) => expirePendingRequests(deps, actor, { communityId: community.id })],
  'mentorships.resume-due': [(deps, actor, community) => resumeDueMentorships(deps, actor, { communityId: community.id })],
  'mentorships.record-activity': [(deps, actor, community) => recordSpaceActivity(deps, actor, { communityId: community.id, spaceId: 'space-1', messages: 2, at: new Date('2026-03-01T11:00:00Z') })],
  'mentorships.find-silent': [(deps, actor, community) => findSilentMentorships(deps, actor, { communityId: community.id })],
  'engagement.check-in-silent-pairs': [(deps, actor, community) => checkInSilentPairs(deps, actor, { communityId: community.id })],
  'engagement.send-digest': [(deps, actor, community) => sendWeeklyDigest(deps, actor, { communityId: community.id })],
  'engagement.send-admin-summary': [(deps, actor, community) => sendAdminSummary(deps, actor, { communityId: community.id })],
  'community.ensure': [
    (deps, actor) => ensureCommunity(deps, actor, { platform: 'slack', externalId: `T${randomUUID()}`, name: 'Other', ownerPlatformUserId: 'U1', ownerDisplayName: 'One' }),
  ],
  'community.reinstall': [
    async (deps, actor, community) => {
      await deps.db.updateTable('communities').set({ status: 'INACTIVE', uninstalled_at: new Date('2026-03-01T09:00:00Z') }).where('id', '=', community.id).execute();
      return reinstallCommunity(deps, actor, { communityId: community.id, cause: 'operator' });
    },
  ],
  'members.mark-left': [
    async (deps, actor, community) => markMemberLeft(deps, actor, { communityId: community.id, platformUserId: (await makeMember(deps.db, community)).platformUserId }),
  ],
  'members.mark-returned': [
    async (deps, actor, community) =>
      markMemberReturned(deps, actor, { communityId: community.id, platformUserId: (await makeMember(deps.db, community, { status: 'LEFT' })).platformUserId }),
  ],
  'members.purge': [(deps, actor) => purgeMembers(deps, actor, { now: new Date('2026-03-01T00:00:00Z') })],
  'matching.find-suggestions': [(deps, actor) => findSuggestions(deps, actor, { lookingFor: 'mentor' })],
  'matching.decline-suggestion': [async (deps, actor, community) => declineSuggestion(deps, actor, { suggestionId: await suggestionFor(deps, actor, community) })],
  'matching.accept-suggestion': [async (deps, actor, community) => acceptSuggestion(deps, actor, { suggestionId: await suggestionFor(deps, actor, community) })],
  'matching.skip-round': [async (deps, actor, community) => skipRound(deps, actor, { roundId: await roundIn(deps, community) })],
  'matching.preview-round': [(deps, actor) => previewRound(deps, actor)],
  'matching.run-round': [async (deps, actor, community) => runRound(deps, actor, { roundId: await roundIn(deps, community) })],
  'matching.run-scheduled-round': [async (deps, actor, community) => runScheduledRound(deps, actor, { roundId: await roundIn(deps, community) })],
  'matching.announce-round': [(deps, actor, community) => announceRound(deps, actor, { communityId: community.id })],
  'matching.schedule-round': [(deps, actor, community) => scheduleNextRound(deps, actor, { communityId: community.id })],
  'admin.login-link': [(deps, actor) => createLoginLink(deps, actor, { publicUrl: 'https://mentor.example.org' })],
  'admin.view': [
    (deps, actor) => viewDashboard(deps, actor),
    (deps, actor) => listMembers(deps, actor, { status: 'ACTIVE' }),
    (deps, actor) => listMentorships(deps, actor, {}),
    async (deps, actor, community) => {
      const [mentor, mentee] = [await makeMember(deps.db, community), await makeMember(deps.db, community)];
      return viewMentorship(deps, actor, { mentorshipId: (await makeMentorship(deps.db, community, { mentor, mentee })).id });
    },
    (deps, actor) => listAuditLog(deps, actor),
    (deps, actor) => exportCsv(deps, actor, { export: 'members' }),
    (deps, actor) => listRounds(deps, actor),
    async (deps, actor, community) => viewRound(deps, actor, { roundId: await roundIn(deps, community) }),
  ],
  // A fresh community per caller (the loop below), so the one an owner uninstalls is theirs alone.
  'community.export': [(deps, actor) => exportCommunityData(deps, actor)],
  'community.uninstall': [(deps, actor) => uninstallCommunity(deps, actor, { confirmName: 'Test meetup' })],
  'outbox.retry': [
    async (deps, actor, community) => {
      const row = await deps.db.insertInto('outbox').values({ community_id: community.id, kind: 'dm', payload: '{}', dedupe_key: `dead:${randomUUID()}`, status: 'DEAD' }).returning('id').executeTakeFirstOrThrow();
      return retryDelivery(deps, actor, { outboxId: row.id });
    },
  ],
  // Sessions, goals, feedback and reports: set up in test/toolkit-gate-calls.ts.
  ...toolkitGateCalls,
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

/** A pending suggestion with the actor as the mentee (between two other members when the actor has no row). */
async function suggestionFor(deps: CoreDeps, actor: Actor, community: BuiltCommunity): Promise<number> {
  const mentor = await makeMember(deps.db, community);
  const menteeId = actor.kind === 'member' && actor.memberId !== null ? actor.memberId : (await makeMember(deps.db, community)).id;
  const row = await deps.db.insertInto('suggestions').values({ community_id: community.id, mentor_id: mentor.id, mentee_id: menteeId, score: 10 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A matching round waiting to run in the community. */
async function roundIn(deps: CoreDeps, community: BuiltCommunity): Promise<number> {
  const row = await deps.db.insertInto('matching_rounds').values({ community_id: community.id, scheduled_for: new Date('2026-03-02T10:00:00Z') }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
