import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship, expectOk } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { resolveActor } from '../access/resolve-actor.js';
import { eraseMemberData, erasedDisplayName } from './erase-member-data.js';
import { exportMemberData } from './export-member-data.js';


describe('data export and erasure', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('exports everything about the member, and no report about them', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const member = await makeMember(db, community, { displayName: 'Ada' });
    const mentor = await makeMember(db, community, { displayName: 'Grace' });
    const mentorship = await makeMentorship(db, community, { mentor, mentee: member, status: 'ACCEPTED' });
    await db.insertInto('mentorship_events').values({ mentorship_id: mentorship.id, from_status: 'PENDING', to_status: 'ACCEPTED', actor_kind: 'MEMBER', actor_member_id: mentor.id }).execute();
    const session = await db.insertInto('mentoring_sessions')
      .values({ mentorship_id: mentorship.id, kind: 'CODE_REVIEW', starts_at: '2026-02-10T17:00:00Z', duration_minutes: 60, status: 'COMPLETED', agenda: 'Review my PR', notes_encrypted: 'ciphertext' })
      .returning('id').executeTakeFirstOrThrow();
    await db.insertInto('goals').values({ mentorship_id: mentorship.id, title: 'Contribute to an open-source project' }).execute();
    await db.insertInto('tasks').values({ mentorship_id: mentorship.id, title: 'Pick an issue', assignee_role: 'MENTEE' }).execute();
    await db.insertInto('feedback').values({ mentorship_id: mentorship.id, session_id: session.id, author_id: member.id, subject_id: mentor.id, kind: 'SESSION', rating: 5, comment: 'Very helpful' }).execute();
    await db.insertInto('feedback').values({ mentorship_id: mentorship.id, session_id: session.id, author_id: mentor.id, subject_id: member.id, kind: 'SESSION', rating: 4, comment: 'Well prepared' }).execute();
    await db.insertInto('reports').values({ community_id: community.id, reporter_id: member.id, reported_member_id: mentor.id, category: 'NO_SHOW', details_encrypted: 'secret-1' }).execute();
    await db.insertInto('reports').values({ community_id: community.id, reporter_id: mentor.id, reported_member_id: member.id, category: 'OTHER', details_encrypted: 'secret-2' }).execute();
    await db.insertInto('suggestions').values({ community_id: community.id, mentor_id: mentor.id, mentee_id: member.id, score: 0.8, reasons: JSON.stringify(['offers Backend at level 4']) }).execute();

    const { data, reply } = expectOk(await exportMemberData(deps(), actorFor(member)));
    expect(data).toMatchObject({
      format: 'mentorship-bot/member-data',
      member: { displayName: 'Ada', timezone: 'Europe/Berlin', jobTitle: 'Software engineer' },
      skills: [{ name: 'Backend', direction: 'OFFER', level: 4, category: 'Software engineering' }, { name: 'Frontend', direction: 'SEEK', level: 2, category: 'Software engineering' }],
      mentorships: [{
        yourRole: 'MENTEE', otherMember: 'Grace', status: 'ACCEPTED',
        history: [{ from: 'PENDING', to: 'ACCEPTED', by: 'MEMBER' }],
        sessions: [{ kind: 'CODE_REVIEW', agenda: 'Review my PR', duration_minutes: 60 }],
        goals: [{ title: 'Contribute to an open-source project' }],
        tasks: [{ title: 'Pick an issue' }],
      }],
      feedbackGiven: [{ rating: 5, comment: 'Very helpful' }],
      feedbackReceived: [{ rating: 4, comment: 'Well prepared' }],
      reportsMade: [{ category: 'NO_SHOW' }],
      suggestions: [{ youWouldBe: 'MENTEE', otherMember: 'Grace', reasons: ['offers Backend at level 4'] }],
    });
    expect(data.reportsMade).toHaveLength(1);
    const text = reply.attachments?.[0]?.content ?? '';
    expect(JSON.parse(text)).toMatchObject({ member: { displayName: 'Ada' } });
    // Encrypted text and reports about the member never leave.
    expect(text).not.toMatch(/secret-|ciphertext/);
  });

  it('ends relations with notice to the other side, erases personal data, keeps anonymous history, and is idempotent', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const member = await makeMember(db, community, { displayName: 'Ada', platformUserId: 'U-ada' });
    const mentor = await makeMember(db, community);
    const mentee = await makeMember(db, community);
    const asker = await makeMember(db, community);
    const finished = await makeMember(db, community);
    const running = await makeMentorship(db, community, { mentor, mentee: member, status: 'ACCEPTED' });
    const paused = await makeMentorship(db, community, { mentor: member, mentee, status: 'PAUSED' });
    const request = await makeMentorship(db, community, { mentor: member, mentee: asker, status: 'PENDING' });
    const past = await makeMentorship(db, community, { mentor: member, mentee: finished, status: 'COMPLETED' });
    await db.insertInto('feedback').values({ mentorship_id: past.id, author_id: finished.id, subject_id: member.id, kind: 'FINAL', rating: 5, comment: 'Ada was great' }).execute();

    const actor = actorFor(member);
    const erased = expectOk(await eraseMemberData(deps(), actor));
    expect(erased).toMatchObject({ alreadyErased: false, endedMentorships: 2, withdrawnRequests: 1 });

    const statuses = await db.selectFrom('mentorships').select(['id', 'status', 'mentor_id', 'mentee_id']).where('id', 'in', [running.id, paused.id, request.id, past.id]).orderBy('id').execute();
    expect(statuses.map((row) => row.status)).toEqual(['CANCELLED', 'CANCELLED', 'WITHDRAWN', 'COMPLETED']);
    // The row stays, so the history still counts this member's mentorships.
    expect(statuses.every((row) => row.mentor_id === member.id || row.mentee_id === member.id)).toBe(true);
    const events = await db.selectFrom('mentorship_events').select(['mentorship_id', 'from_status', 'to_status', 'actor_kind', 'reason']).where('mentorship_id', 'in', [running.id, paused.id, request.id]).orderBy('mentorship_id').execute();
    expect(events).toEqual([
      { mentorship_id: running.id, from_status: 'ACCEPTED', to_status: 'CANCELLED', actor_kind: 'MEMBER', reason: 'member erased their data' },
      { mentorship_id: paused.id, from_status: 'PAUSED', to_status: 'CANCELLED', actor_kind: 'MEMBER', reason: 'member erased their data' },
      { mentorship_id: request.id, from_status: 'PENDING', to_status: 'WITHDRAWN', actor_kind: 'MEMBER', reason: 'member erased their data' },
    ]);
    const notices = await db.selectFrom('outbox').select(['kind', 'payload', 'dedupe_key']).where('community_id', '=', community.id).where('kind', '=', 'dm').orderBy('dedupe_key').execute();
    expect(notices.map((notice) => (notice.payload as { recipientMemberId: number }).recipientMemberId).sort()).toEqual([mentor.id, mentee.id, asker.id].sort());
    expect(notices.map((notice) => notice.dedupe_key)).toContain(`erasure:${member.id}:notice:${mentor.id}:${running.id}`);
    expect(JSON.stringify(notices)).not.toContain('Ada');
    // The running relations' spaces get a neutral closing post and are archived; nothing in them names the member.
    const spaceEffects = await db.selectFrom('outbox').select(['kind', 'payload']).where('community_id', '=', community.id).where('kind', 'like', 'space.%').execute();
    expect(spaceEffects.map((effect) => `${effect.kind}:${(effect.payload as { mentorshipId: number }).mentorshipId}`).sort()).toEqual(
      [`space.archive:${paused.id}`, `space.archive:${running.id}`, `space.post:${paused.id}`, `space.post:${running.id}`].sort(),
    );
    expect(JSON.stringify(spaceEffects)).not.toMatch(/Ada|U-ada/);

    const row = await db.selectFrom('members')
      .select(['display_name', 'platform_user_id', 'bio', 'job_title', 'timezone', 'availability', 'notification_preferences', 'status', 'erased_at', 'mentorship_types'])
      .where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(row).toEqual({
      display_name: erasedDisplayName, platform_user_id: `erased:${member.id}`, bio: null, job_title: null, timezone: null, availability: [],
      notification_preferences: {}, status: 'LEFT', erased_at: clock.now(), mentorship_types: [],
    });
    expect(await db.selectFrom('member_skills').select('skill_id').where('member_id', '=', member.id).execute()).toEqual([]);
    const rating = await db.selectFrom('feedback').select(['rating', 'comment']).where('subject_id', '=', member.id).executeTakeFirstOrThrow();
    expect(rating).toEqual({ rating: 5, comment: null });

    // Again, with the same actor (a double click): nothing changes, nothing is sent twice.
    const again = expectOk(await eraseMemberData(deps(), actor));
    expect(again).toMatchObject({ alreadyErased: true, endedMentorships: 0, withdrawnRequests: 0 });
    expect(await db.selectFrom('outbox').select('id').where('community_id', '=', community.id).execute()).toHaveLength(7);
    // The person is a stranger now: coming back starts a new member.
    expect(await resolveActor(db, { communityId: community.id, platformUserId: 'U-ada' })).toMatchObject({ memberId: null, status: 'UNREGISTERED' });
  });

  it('refuses to erase the last owner', async () => {
    const community = await makeCommunity(database.db);
    const owner = await makeMember(database.db, community, { role: 'OWNER' });
    const outcome = await eraseMemberData(deps(), actorFor(owner));
    expect(outcome.ok ? null : outcome.problem.code).toBe('last-owner');
    await makeMember(database.db, community, { role: 'OWNER' });
    expect((await eraseMemberData(deps(), actorFor(owner))).ok).toBe(true);
  });
});
