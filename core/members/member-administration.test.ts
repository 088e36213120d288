import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship, newcomer } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { systemActor } from '../access/actor.js';
import { resolveActor } from '../access/resolve-actor.js';
import { startOnboarding } from '../onboarding/start-onboarding.js';
import { approveMember } from './approve-member.js';
import { changeMemberRole } from './change-member-role.js';
import { markMemberLeft } from './mark-member-left.js';
import { markMemberReturned } from './mark-member-returned.js';
import { findMember } from './member.repository.js';
import { reinstateMember } from './reinstate-member.js';
import { suspendMember } from './suspend-member.js';

describe('roles and statuses', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('lets owners grant and revoke admin, and never removes the last owner', async () => {
    const community = await makeCommunity(database.db);
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    const member = await makeMember(database.db, community);

    const granted = await changeMemberRole(deps(), actorFor(owner), { memberId: member.id, role: 'ADMIN' });
    expect(granted.ok && granted.value).toEqual({ memberId: member.id, role: 'ADMIN', previousRole: 'REGULAR' });
    const twice = await changeMemberRole(deps(), actorFor(owner), { memberId: member.id, role: 'ADMIN' });
    expect(twice.ok ? null : twice.problem.code).toBe('already-done');
    const notice = await database.db.selectFrom('outbox').select('payload').where('community_id', '=', community.id).executeTakeFirstOrThrow();
    expect(notice.payload).toMatchObject({ recipientMemberId: member.id });

    // An admin cannot grant roles.
    const byAdmin = await changeMemberRole(deps(), actorFor(member, { role: 'ADMIN' }), { memberId: owner.id, role: 'REGULAR' });
    expect(byAdmin.ok ? null : byAdmin.problem.code).toBe('forbidden');

    const lastOwner = await changeMemberRole(deps(), actorFor(owner), { memberId: owner.id, role: 'ADMIN' });
    expect(lastOwner.ok ? null : lastOwner.problem.code).toBe('last-owner');
    // With a second owner, the first may step down.
    expect((await changeMemberRole(deps(), actorFor(owner), { memberId: member.id, role: 'OWNER' })).ok).toBe(true);
    expect((await changeMemberRole(deps(), actorFor(owner), { memberId: owner.id, role: 'REGULAR' })).ok).toBe(true);
    expect((await findMember(database.db, community.id, owner.id))?.role).toBe('REGULAR');

    const revoked = await changeMemberRole(deps(), actorFor(member, { role: 'OWNER' }), { memberId: member.id, role: 'ADMIN' });
    expect(revoked.ok ? null : revoked.problem.code).toBe('last-owner');

    const foreign = await makeMember(database.db, await makeCommunity(database.db));
    const elsewhere = await changeMemberRole(deps(), actorFor(member, { role: 'OWNER' }), { memberId: foreign.id, role: 'ADMIN' });
    expect(elsewhere.ok ? null : elsewhere.problem.code).toBe('not-found');
  });

  it('approves members waiting for approval', async () => {
    const community = await makeCommunity(database.db, { settings: { newMembersNeedAdminApproval: true } });
    const admin = actorFor(await makeMember(database.db, community, { role: 'ADMIN' }));
    const started = await startOnboarding(deps(), newcomer(community, 'U-new'), { displayName: 'New' });
    expect(started.ok).toBe(true);
    const waiting = await resolveActor(database.db, { communityId: community.id, platformUserId: 'U-new' });
    expect(waiting.status).toBe('PENDING_APPROVAL');

    expect((await approveMember(deps(), admin, { memberId: waiting.memberId! })).ok).toBe(true);
    expect((await resolveActor(database.db, { communityId: community.id, platformUserId: 'U-new' })).status).toBe('ACTIVE');
    const again = await approveMember(deps(), admin, { memberId: waiting.memberId! });
    expect(again.ok ? null : again.problem.code).toBe('already-done');
  });

  it('suspends a member, withdrawing their open requests with notice, and reinstates them', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const admin = await makeMember(db, community, { role: 'ADMIN' });
    const member = await makeMember(db, community);
    const other = await makeMember(db, community);
    const third = await makeMember(db, community);
    const sent = await makeMentorship(db, community, { mentor: other, mentee: member, status: 'PENDING' });
    const received = await makeMentorship(db, community, { mentor: member, mentee: third, status: 'PENDING' });
    const fourth = await makeMember(db, community);
    const running = await makeMentorship(db, community, { mentor: fourth, mentee: member, status: 'ACCEPTED' });

    const noReason = await suspendMember(deps(), actorFor(admin), { memberId: member.id, reason: ' ' });
    expect(noReason.ok ? [] : noReason.problem.fields?.map((field) => field.field)).toEqual(['reason']);

    const suspended = await suspendMember(deps(), actorFor(admin), { memberId: member.id, reason: 'Spam in DMs' });
    expect(suspended.ok && suspended.value).toEqual({ memberId: member.id, withdrawnRequests: 2 });
    const requests = await db.selectFrom('mentorships').select(['id', 'status']).where('id', 'in', [sent.id, received.id, running.id]).orderBy('id').execute();
    expect(requests.map((row) => row.status)).toEqual(['WITHDRAWN', 'WITHDRAWN', 'ACCEPTED']);
    const notices = await db.selectFrom('outbox').select(['payload', 'dedupe_key']).where('community_id', '=', community.id).execute();
    expect(notices.map((notice) => (notice.payload as { recipientMemberId: number }).recipientMemberId).sort()).toEqual([other.id, third.id].sort());
    // The notice never says why.
    expect(JSON.stringify(notices)).not.toMatch(/spam|suspend/i);
    expect((await findMember(db, community.id, member.id))).toMatchObject({ status: 'SUSPENDED', statusReason: 'Spam in DMs' });

    // An admin cannot suspend an owner or another admin.
    const owner = await makeMember(db, community, { role: 'OWNER' });
    const upward = await suspendMember(deps(), actorFor(admin), { memberId: owner.id, reason: 'No' });
    expect(upward.ok ? null : upward.problem.code).toBe('forbidden');

    expect((await reinstateMember(deps(), actorFor(admin), { memberId: member.id })).ok).toBe(true);
    expect((await findMember(db, community.id, member.id))).toMatchObject({ status: 'ACTIVE', statusReason: null });
    const notSuspended = await reinstateMember(deps(), actorFor(admin), { memberId: member.id });
    expect(notSuspended.ok ? null : notSuspended.problem.code).toBe('wrong-state');
  });

  it('marks members who left the server, and takes them back when they return to the server', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const member = await makeMember(db, community, { platformUserId: 'U-leaver' });
    const other = await makeMember(db, community);
    const request = await makeMentorship(db, community, { mentor: other, mentee: member, status: 'PENDING' });

    const left = await markMemberLeft(deps(), systemActor, { communityId: community.id, platformUserId: 'U-leaver' });
    expect(left.ok && left.value).toEqual({ memberId: member.id, changed: true });
    expect(await findMember(db, community.id, member.id)).toMatchObject({ status: 'LEFT', leftAt: clock.now() });
    expect((await db.selectFrom('mentorships').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status).toBe('WITHDRAWN');
    const again = await markMemberLeft(deps(), systemActor, { communityId: community.id, platformUserId: 'U-leaver' });
    expect(again.ok && again.value.changed).toBe(false);

    // LEFT members can do nothing until they come back through onboarding's front door.
    const leaver = await resolveActor(db, { communityId: community.id, platformUserId: 'U-leaver' });
    const refused = await startOnboarding(deps(), leaver, { displayName: 'Back' });
    expect(refused.ok ? null : refused.problem.code).toBe('forbidden');
    const back = await markMemberReturned(deps(), systemActor, { communityId: community.id, platformUserId: 'U-leaver' });
    expect(back.ok && back.value).toEqual({ memberId: member.id, status: 'ACTIVE' });
    expect(await findMember(db, community.id, member.id)).toMatchObject({ status: 'ACTIVE', leftAt: null, jobTitle: 'Software engineer' });
    const stranger = await markMemberReturned(deps(), systemActor, { communityId: community.id, platformUserId: 'U-never-joined' });
    expect(stranger.ok && stranger.value).toEqual({ memberId: null, status: null });

    // A suspended member who leaves stays suspended.
    const suspended = await makeMember(db, community, { status: 'SUSPENDED', platformUserId: 'U-suspended' });
    await markMemberLeft(deps(), systemActor, { communityId: community.id, platformUserId: 'U-suspended' });
    expect(await findMember(db, community.id, suspended.id)).toMatchObject({ status: 'SUSPENDED', leftAt: clock.now() });
  });
});
