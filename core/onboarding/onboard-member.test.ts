import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { fixedClock, makeCommunity, newcomer, skillBySlug, expectOk, expectProblem } from '../../test/builders.js';
import { resolveActor } from '../access/resolve-actor.js';
import type { MemberActor } from '../access/actor.js';
import { findMemberByPlatformUser, listMemberSkills } from '../members/member.repository.js';
import { setSkillLevels } from '../profiles/set-skill-levels.js';
import { startOnboarding } from './start-onboarding.js';
import { submitOnboardingStep } from './submit-onboarding-step.js';


describe('onboarding', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-02-01T09:00:00Z');
  const deps = () => ({ db: database.db, clock });

  it('walks a newcomer step by step, resumes where it stopped, and finishes with the code of conduct', async () => {
    const community = await makeCommunity(database.db, { settings: { codeOfConduct: { text: 'Be kind. Be on time.', required: true } } });
    const stranger = newcomer(community, 'U-ada');

    const first = expectOk(await startOnboarding(deps(), stranger, { displayName: 'Ada' }));
    expect(first.step).toBe('PROFILE');
    expect(first.message.title).toContain('Step 1 of 4');
    expect(first.modal?.customId).toBe('mentor:onboard:submit:PROFILE');
    expect(first.modal?.inputs.map((input) => input.id)).toEqual(['jobTitle', 'yearsExperience', 'bio']);

    // Later calls act as the member the first call created.
    const actor: MemberActor = await resolveActor(database.db, { communityId: community.id, platformUserId: 'U-ada' });
    expect(actor.memberId).not.toBeNull();
    expect(actor.status).toBe('ACTIVE');

    const goals = expectOk(await submitOnboardingStep(deps(), actor, {
      step: 'PROFILE',
      values: { jobTitle: 'Data engineer', yearsExperience: '4', bio: 'I move data around.' },
    }));
    expect(goals.step).toBe('GOALS');
    expect(goals.levels).toBeNull();

    // Interrupted here: asking again resumes at GOALS, and the saved answers prefill the first form.
    const resumed = expectOk(await startOnboarding(deps(), actor, { displayName: 'Ada' }));
    expect(resumed.step).toBe('GOALS');
    const backend = await skillBySlug(database.db, community, 'backend');
    const databases = await skillBySlug(database.db, community, 'databases');
    const security = await skillBySlug(database.db, community, 'security');
    const schedule = expectOk(await submitOnboardingStep(deps(), actor, {
      step: 'GOALS',
      values: { mentorshipRole: ['BOTH'], mentorshipTypes: ['CODE_REVIEW', 'CAREER_GROWTH'], offeredSkills: [String(databases)], wantedSkills: [String(backend), String(security)] },
    }));
    expect(schedule.step).toBe('SCHEDULE');
    expect(schedule.message.actions?.map((action) => action.customId)).toContain('mentor:profile:levels:0');
    // The levels come before the schedule's form: a button on Discord, the next form in Slack's modal.
    expect(schedule.levels?.customId).toBe('mentor:profile:save-levels:0');
    expect(schedule.levels?.inputs.map((input) => input.id)).toEqual([`OFFER-${databases}`, `SEEK-${backend}`, `SEEK-${security}`]);
    expect(schedule.modal?.inputs.map((input) => input.id)).toEqual(['timezone', 'availability', 'menteeCapacity']);

    const conduct = expectOk(await submitOnboardingStep(deps(), actor, {
      step: 'SCHEDULE',
      values: { timezone: 'America/New_York', availability: 'mon 18:00-20:00\ntue,thu 7:30-8:30', menteeCapacity: '2' },
    }));
    expect(conduct.step).toBe('CODE_OF_CONDUCT');
    expect(conduct.modal).toBeNull();
    expect(conduct.message.body).toEqual(['Be kind. Be on time.']);

    const done = expectOk(await submitOnboardingStep(deps(), actor, { step: 'CODE_OF_CONDUCT', values: {} }));
    expect(done.step).toBe('DONE');

    const member = await findMemberByPlatformUser(database.db, community.id, 'U-ada');
    expect(member).toMatchObject({
      displayName: 'Ada',
      jobTitle: 'Data engineer',
      yearsExperience: 4,
      bio: 'I move data around.',
      mentorshipRole: 'BOTH',
      mentorshipTypes: ['CODE_REVIEW', 'CAREER_GROWTH'],
      timezone: 'America/New_York',
      menteeCapacity: 2,
      availability: [
        { day: 'mon', start: '18:00', end: '20:00' },
        { day: 'tue', start: '07:30', end: '08:30' },
        { day: 'thu', start: '07:30', end: '08:30' },
      ],
      onboardingStep: 'DONE',
      onboardedAt: clock.now(),
      codeOfConductAcceptedAt: clock.now(),
    });
    const skills = await listMemberSkills(database.db, member!.id);
    expect(skills.map((skill) => [skill.slug, skill.direction, skill.level])).toEqual([
      ['databases', 'OFFER', 3],
      ['backend', 'SEEK', 3],
      ['security', 'SEEK', 3],
    ]);
  });

  it('refuses bad answers field by field and saves nothing of them', async () => {
    const community = await makeCommunity(database.db);
    expectOk(await startOnboarding(deps(), newcomer(community, 'U-bob'), { displayName: 'Bob' }));
    const actor = await resolveActor(database.db, { communityId: community.id, platformUserId: 'U-bob' });

    const refused = await submitOnboardingStep(deps(), actor, {
      step: 'PROFILE',
      values: { jobTitle: 'Dev', yearsExperience: 'many', bio: 'x'.repeat(1001) },
    });
    const problem = expectProblem(refused);
    expect(problem.code).toBe('invalid-input');
    expect(problem.fields?.map((field) => field.field).sort()).toEqual(['bio', 'yearsExperience']);
    expect(problem.fields?.find((field) => field.field === 'bio')?.message).toMatch(/1,000 characters/);
    const untouched = await findMemberByPlatformUser(database.db, community.id, 'U-bob');
    expect(untouched).toMatchObject({ jobTitle: null, bio: null, onboardingStep: 'PROFILE' });

    // A step not reached yet is refused.
    const early = await submitOnboardingStep(deps(), actor, { step: 'SCHEDULE', values: { timezone: 'UTC' } });
    expect(early.ok ? null : early.problem.code).toBe('wrong-step');

    expectOk(await submitOnboardingStep(deps(), actor, { step: 'PROFILE', values: { yearsExperience: '0' } }));
    const mentorWithoutSkills = await submitOnboardingStep(deps(), actor, {
      step: 'GOALS',
      values: { mentorshipRole: ['MENTOR'], mentorshipTypes: ['CODE_REVIEW'], offeredSkills: [], wantedSkills: ['999999'] },
    });
    expect(mentorWithoutSkills.ok ? [] : mentorWithoutSkills.problem.fields?.map((field) => field.field).sort()).toEqual(['offeredSkills', 'wantedSkills']);

    const frontend = await skillBySlug(database.db, community, 'frontend');
    expectOk(await submitOnboardingStep(deps(), actor, { step: 'GOALS', values: { mentorshipRole: ['MENTEE'], mentorshipTypes: ['INTERVIEW_PREP'], wantedSkills: [String(frontend)] } }));
    const badSchedule = await submitOnboardingStep(deps(), actor, {
      step: 'SCHEDULE',
      values: { timezone: 'Mars/Olympus', availability: 'mon 18:00-20:00\nmon 19:00-21:00' },
    });
    expect(badSchedule.ok ? [] : badSchedule.problem.fields).toEqual([
      { field: 'timezone', message: expect.stringMatching(/IANA timezone/) },
      { field: 'availability', message: expect.stringMatching(/overlaps/) },
    ]);
    const backwards = await submitOnboardingStep(deps(), actor, { step: 'SCHEDULE', values: { timezone: 'UTC', availability: 'fri 20:00-18:00' } });
    expect(backwards.ok ? [] : backwards.problem.fields?.map((field) => field.field)).toEqual(['availability']);
    const unreadable = await submitOnboardingStep(deps(), actor, { step: 'SCHEDULE', values: { timezone: 'UTC', availability: 'evenings' } });
    expect(unreadable.ok ? '' : unreadable.problem.fields?.[0]?.message).toMatch(/mon 18:00-20:00/);
    expect((await findMemberByPlatformUser(database.db, community.id, 'U-bob'))?.onboardingStep).toBe('SCHEDULE');

    // A mentee is not asked for a mentee capacity, and no code of conduct is required here.
    const done = expectOk(await submitOnboardingStep(deps(), actor, { step: 'SCHEDULE', values: { timezone: 'UTC', availability: '' } }));
    expect(done.step).toBe('DONE');
  });

  it('rates the skills chosen in the goals page by page, then leads on to the next step', async () => {
    const community = await makeCommunity(database.db);
    expectOk(await startOnboarding(deps(), newcomer(community, 'U-eve'), { displayName: 'Eve' }));
    const actor = await resolveActor(database.db, { communityId: community.id, platformUserId: 'U-eve' });
    expectOk(await submitOnboardingStep(deps(), actor, { step: 'PROFILE', values: { yearsExperience: '6' } }));
    const offered = await Promise.all(['frontend', 'backend', 'mobile'].map((slug) => skillBySlug(database.db, community, slug)));
    const wanted = await Promise.all(['devops', 'cloud', 'security', 'databases'].map((slug) => skillBySlug(database.db, community, slug)));
    const [devops, , security] = wanted;
    const schedule = expectOk(await submitOnboardingStep(deps(), actor, {
      step: 'GOALS',
      values: { mentorshipRole: ['BOTH'], mentorshipTypes: ['CODE_REVIEW'], offeredSkills: offered.map(String), wantedSkills: wanted.map(String) },
    }));
    expect(schedule.step).toBe('SCHEDULE');
    const first = schedule.levels!;
    expect(first.title).toBe('Skill levels (1 of 2)');
    expect(first.inputs).toHaveLength(5);

    const firstPage = expectOk(await setSkillLevels(deps(), actor, { page: 0, values: Object.fromEntries(first.inputs.map((input) => [input.id, ['4']])) }));
    expect(firstPage.onboarding).toBeNull();
    expect(firstPage.reply.actions?.map((action) => action.customId)).toEqual(['mentor:profile:levels:1']);
    const second = firstPage.nextPage!;
    expect(second.customId).toBe('mentor:profile:save-levels:1');
    // Offered, then wanted, each by name: DevOps and Security are left.
    expect(second.inputs.map((input) => input.id)).toEqual([`SEEK-${devops}`, `SEEK-${security}`]);

    // The last page answers with Continue to the step the member is at, and that step's form for Slack's modal.
    const lastPage = expectOk(await setSkillLevels(deps(), actor, { page: 1, values: { [`SEEK-${devops}`]: ['1'], [`SEEK-${security}`]: ['2'] } }));
    expect(lastPage.nextPage).toBeNull();
    expect(lastPage.reply.actions?.map((action) => action.customId)).toEqual(['mentor:onboard:open:SCHEDULE']);
    expect(lastPage.onboarding?.step).toBe('SCHEDULE');
    expect(lastPage.onboarding?.modal?.customId).toBe('mentor:onboard:submit:SCHEDULE');

    const member = await findMemberByPlatformUser(database.db, community.id, 'U-eve');
    expect((await listMemberSkills(database.db, member!.id)).map((skill) => [skill.slug, skill.level])).toEqual([
      ['backend', 4], ['frontend', 4], ['mobile', 4], ['cloud', 4], ['databases', 4], ['devops', 1], ['security', 2],
    ]);

    // Once onboarded, saving levels is only that.
    expectOk(await submitOnboardingStep(deps(), actor, { step: 'SCHEDULE', values: { timezone: 'UTC', availability: '', menteeCapacity: '1' } }));
    const later = expectOk(await setSkillLevels(deps(), actor, { page: 1, values: { [`SEEK-${security}`]: ['3'] } }));
    expect(later).toMatchObject({ nextPage: null, onboarding: null });
    expect(later.reply.body).toEqual(['Levels saved.']);
    expect(later.reply.actions ?? []).toEqual([]);
  });

  it('saves a step sent again without moving back', async () => {
    const community = await makeCommunity(database.db);
    expectOk(await startOnboarding(deps(), newcomer(community, 'U-cy'), { displayName: 'Cy' }));
    const actor = await resolveActor(database.db, { communityId: community.id, platformUserId: 'U-cy' });
    expectOk(await submitOnboardingStep(deps(), actor, { step: 'PROFILE', values: { yearsExperience: '2' } }));
    const again = expectOk(await submitOnboardingStep(deps(), actor, { step: 'PROFILE', values: { yearsExperience: '3' } }));
    expect(again.step).toBe('GOALS');
    expect(await findMemberByPlatformUser(database.db, community.id, 'U-cy')).toMatchObject({ yearsExperience: 3, onboardingStep: 'GOALS' });
  });

  it('starts newcomers as PENDING_APPROVAL when the community approves members', async () => {
    const community = await makeCommunity(database.db, { settings: { newMembersNeedAdminApproval: true } });
    expectOk(await startOnboarding(deps(), newcomer(community, 'U-dee'), { displayName: 'Dee' }));
    expect((await findMemberByPlatformUser(database.db, community.id, 'U-dee'))?.status).toBe('PENDING_APPROVAL');
  });
});
