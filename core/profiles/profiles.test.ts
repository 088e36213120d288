import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember, expectOk } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { editProfile } from './edit-profile.js';
import { openNotificationSettings } from './open-notification-settings.js';
import { openProfileEditor } from './open-profile-editor.js';
import { openSkillLevels } from './open-skill-levels.js';
import { pauseMentoring } from './pause-mentoring.js';
import { setSkillLevels } from './set-skill-levels.js';
import { updateNotificationPreferences } from './update-notification-preferences.js';
import { viewMemberProfile } from './view-member-profile.js';
import { viewOwnProfile } from './view-own-profile.js';


describe('profiles', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  async function completedSession(mentorshipId: number, minutes: number, status: 'COMPLETED' | 'CANCELLED' = 'COMPLETED') {
    await database.db.insertInto('mentoring_sessions').values({ mentorship_id: mentorshipId, kind: 'VIDEO_CALL', starts_at: '2026-02-01T18:00:00Z', duration_minutes: minutes, status }).execute();
  }
  async function rate(mentorshipId: number, author: BuiltMember, subject: BuiltMember, rating: number) {
    await database.db.insertInto('feedback').values({ mentorship_id: mentorshipId, author_id: author.id, subject_id: subject.id, kind: 'FINAL', rating }).execute();
  }
  async function mentorWithHistory(community: BuiltCommunity) {
    const mentor = await makeMember(database.db, community, { displayName: 'Grace' });
    const menteeA = await makeMember(database.db, community);
    const menteeB = await makeMember(database.db, community);
    const menteeC = await makeMember(database.db, community);
    const first = await makeMentorship(database.db, community, { mentor, mentee: menteeA, status: 'COMPLETED' });
    const second = await makeMentorship(database.db, community, { mentor, mentee: menteeB, status: 'ACCEPTED' });
    await makeMentorship(database.db, community, { mentor, mentee: menteeC, status: 'REJECTED' });
    await completedSession(first.id, 60);
    await completedSession(first.id, 30);
    await completedSession(second.id, 45, 'CANCELLED');
    await database.db.insertInto('goals').values({ mentorship_id: first.id, title: 'Ship a side project', status: 'DONE', completed_at: '2026-02-10T00:00:00Z' }).execute();
    await database.db.insertInto('goals').values({ mentorship_id: first.id, title: 'Learn SQL', status: 'OPEN' }).execute();
    return { mentor, menteeA, menteeB, first, second };
  }

  it('shows members their own profile with settings and personal stats', async () => {
    const community = await makeCommunity(database.db);
    const { mentor, menteeA, menteeB, first, second } = await mentorWithHistory(community);
    await rate(first.id, menteeA, mentor, 5);
    await rate(second.id, menteeB, mentor, 4);

    const own = expectOk(await viewOwnProfile(deps(), actorFor(mentor)));
    expect(own.profile.stats).toEqual({
      sessionsCompleted: 2, hoursInSessions: 1.5, goalsReached: 1, menteesHelped: 2, volunteerHours: 1.5, ratingCount: 2, averageRating: null,
    });
    expect(own.profile.notificationPreferences.digest).toBe('immediate');
    expect(own.reply.title).toBe('Grace (you)');
    expect(own.reply.actions?.map((action) => action.customId)).toContain('mentor:profile:edit:GOALS');
    expect(own.reply.fields?.find((field) => field.name === 'As a mentor')?.value.join('')).toMatch(/not enough ratings yet/);

    // From the third rating on, the average shows.
    const third = await makeMember(database.db, community);
    const mentorship = await makeMentorship(database.db, community, { mentor, mentee: third, status: 'COMPLETED' });
    await rate(mentorship.id, third, mentor, 3);
    const rated = expectOk(await viewOwnProfile(deps(), actorFor(mentor)));
    expect(rated.profile.stats).toMatchObject({ ratingCount: 3, averageRating: 4, menteesHelped: 3 });

    // The mentee's side counts the same sessions and goals, but helped nobody as a mentor.
    const menteeView = expectOk(await viewOwnProfile(deps(), actorFor(menteeA)));
    expect(menteeView.profile.stats).toMatchObject({ sessionsCompleted: 2, hoursInSessions: 1.5, goalsReached: 1, menteesHelped: 0, volunteerHours: 0 });
  });

  it('shows others what matching needs, and nothing private', async () => {
    const community = await makeCommunity(database.db);
    const viewer = actorFor(await makeMember(database.db, community));
    const other = await makeMember(database.db, community, { displayName: 'Linus' });
    const seen = expectOk(await viewMemberProfile(deps(), viewer, { memberId: other.id }));
    expect(seen.profile).toMatchObject({ displayName: 'Linus', timezone: 'Europe/Berlin', offers: [expect.objectContaining({ slug: 'backend', level: 4 })] });
    expect(Object.keys(seen.profile)).not.toContain('notificationPreferences');
    expect(Object.keys(seen.profile)).not.toContain('status');
    expect(seen.reply.body[0]).toEqual({ mention: other.platformUserId });

    const pending = await makeMember(database.db, community, { status: 'PENDING_APPROVAL' });
    const unfinished = await makeMember(database.db, community, { onboardingStep: 'GOALS' });
    for (const hidden of [pending, unfinished]) {
      const outcome = await viewMemberProfile(deps(), viewer, { memberId: hidden.id });
      expect(outcome.ok ? null : outcome.problem.code).toBe('not-found');
    }
    // Admins see members who are not in matching yet.
    const admin = actorFor(await makeMember(database.db, community, { role: 'ADMIN' }));
    expect((await viewMemberProfile(deps(), admin, { memberId: pending.id })).ok).toBe(true);

    // A member of another community is not found, exactly like a missing id.
    const elsewhere = await makeMember(database.db, await makeCommunity(database.db));
    const foreign = await viewMemberProfile(deps(), admin, { memberId: elsewhere.id });
    const missing = await viewMemberProfile(deps(), admin, { memberId: 987_654_321 });
    expect(foreign).toEqual(missing);
    expect(foreign.ok ? null : foreign.problem.code).toBe('not-found');
  });

  it('edits any part later, checked as in onboarding, and prefills the forms', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community);
    const actor = actorFor(member);

    const form = expectOk(await openProfileEditor(deps(), actor, { section: 'SCHEDULE' }));
    expect(form.customId).toBe('mentor:profile:save:SCHEDULE');
    expect(form.inputs.find((input) => input.id === 'timezone')).toMatchObject({ value: 'Europe/Berlin' });
    expect(form.inputs.find((input) => input.id === 'availability')).toMatchObject({ value: 'tue 18:00-20:00' });

    const refused = await editProfile(deps(), actor, { section: 'SCHEDULE', values: { timezone: 'Asia/Tokyo', availability: 'sun 10:00-12:00', menteeCapacity: '9' } });
    expect(refused.ok ? [] : refused.problem.fields).toEqual([{ field: 'menteeCapacity', message: expect.stringMatching(/at most 3 mentees/) }]);
    expect((expectOk(await viewOwnProfile(deps(), actor))).profile.timezone).toBe('Europe/Berlin');

    const edited = expectOk(await editProfile(deps(), actor, { section: 'SCHEDULE', values: { timezone: 'Asia/Tokyo', availability: 'sun 10:00-12:00', menteeCapacity: '3' } }));
    expect(edited.profile).toMatchObject({ timezone: 'Asia/Tokyo', availability: [{ day: 'sun', start: '10:00', end: '12:00' }], menteeCapacity: 3 });
  });

  it('sets skill levels page by page', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community, {
      skills: ['frontend', 'backend', 'mobile', 'devops', 'cloud', 'security'].map((slug) => ({ slug, direction: 'OFFER' as const, level: 3 })),
    });
    const actor = actorFor(member);
    const first = expectOk(await openSkillLevels(deps(), actor, { page: 0 }));
    expect(first.inputs).toHaveLength(5);
    expect(first.title).toBe('Skill levels (1 of 2)');
    const second = expectOk(await openSkillLevels(deps(), actor, { page: 1 }));
    expect(second.inputs).toHaveLength(1);
    expect((await openSkillLevels(deps(), actor, { page: 2 })).ok).toBe(false);

    const firstId = first.inputs[0]!.id;
    const bad = await setSkillLevels(deps(), actor, { page: 0, values: { [firstId]: ['6'], 'OFFER-999999': ['2'] } });
    expect(bad.ok ? [] : bad.problem.fields?.map((field) => field.field)).toEqual([firstId, 'OFFER-999999']);
    const saved = expectOk(await setSkillLevels(deps(), actor, { page: 0, values: { [firstId]: ['5'] } }));
    expect(saved.reply.actions?.[0]?.customId).toBe('mentor:profile:levels:1');
    const skill = await database.db.selectFrom('member_skills').select('level').where('member_id', '=', member.id).where('skill_id', '=', Number(firstId.split('-')[1])).executeTakeFirstOrThrow();
    expect(skill.level).toBe(5);
  });

  it('pauses taking mentees until a date', async () => {
    const community = await makeCommunity(database.db);
    const actor = actorFor(await makeMember(database.db, community));
    expect(expectOk(await pauseMentoring(deps(), actor, { until: '2026-06-01' })).notTakingMenteesUntil).toEqual(new Date('2026-06-01T00:00:00Z'));
    const own = expectOk(await viewOwnProfile(deps(), actor));
    expect(own.reply.fields?.find((field) => field.name === 'Not taking mentees')?.value).toEqual(['until ', { time: new Date('2026-06-01T00:00:00Z'), style: 'date' }]);
    for (const until of ['2026-02-01', '2028-01-01', 'next week']) {
      const refused = await pauseMentoring(deps(), actor, { until });
      expect(refused.ok ? [] : refused.problem.fields?.map((field) => field.field)).toEqual(['until']);
    }
    expect(expectOk(await pauseMentoring(deps(), actor, { until: null })).notTakingMenteesUntil).toBeNull();
  });

  it('saves notification preferences from their form', async () => {
    const community = await makeCommunity(database.db);
    const actor = actorFor(await makeMember(database.db, community));
    const form = expectOk(await openNotificationSettings(deps(), actor));
    expect(form.inputs.find((input) => input.id === 'dmKinds')).toMatchObject({ initialValues: ['requests', 'sessions', 'reminders', 'goals', 'suggestions', 'announcements'] });

    const saved = expectOk(await updateNotificationPreferences(deps(), actor, { values: { dmKinds: ['requests', 'sessions'], digest: ['daily'], quietHours: '23:00-07:30' } }));
    expect(saved).toEqual({
      channels: { requests: 'dm', sessions: 'dm', reminders: 'off', goals: 'off', suggestions: 'off', announcements: 'off' },
      digest: 'daily',
      quietHours: { start: '23:00', end: '07:30' },
    });
    expect((expectOk(await viewOwnProfile(deps(), actor))).profile.notificationPreferences).toEqual(saved);

    const refused = await updateNotificationPreferences(deps(), actor, { values: { dmKinds: ['gossip'], digest: ['hourly'], quietHours: 'late' } });
    expect(refused.ok ? [] : refused.problem.fields?.map((field) => field.field).sort()).toEqual(['digest', 'dmKinds', 'quietHours']);
    const none = expectOk(await updateNotificationPreferences(deps(), actor, { values: { digest: ['weekly'], quietHours: 'none' } }));
    expect(none.quietHours).toBeNull();
  });
});
