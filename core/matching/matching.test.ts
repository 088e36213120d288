import { describe, expect, it } from 'vitest';
import {
  actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship, skillBySlug, type BuiltCommunity, type BuiltMember,
} from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { systemActor } from '../access/actor.js';
import { updateNotificationPreferences } from '../profiles/update-notification-preferences.js';
import type { MemberStatus, MentorshipRole, MentorshipStatus, OnboardingStep } from '../store/database.js';
import { acceptSuggestion } from './accept-suggestion.js';
import { announceRound } from './announce-round.js';
import { declineSuggestion } from './decline-suggestion.js';
import { findSuggestions } from './find-suggestions.js';
import { MatchingIndexCache } from './matching-index-cache.js';
import { findDueRound } from './matching-round.repository.js';
import { previewRound } from './preview-round.js';
import { runRound, runScheduledRound } from './run-round.js';
import { scheduleNextRound } from './schedule-next-round.js';
import { skipRound } from './skip-round.js';

describe('matching', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  type Skill = { slug: string; direction: 'OFFER' | 'SEEK'; level: number };
  async function person(
    community: BuiltCommunity,
    skills: Skill[],
    extra: { role?: MentorshipRole; status?: MemberStatus; step?: OnboardingStep; timezone?: string; years?: number; types?: string[]; capacity?: number; name?: string; admin?: boolean } = {},
  ): Promise<BuiltMember> {
    const member = await makeMember(database.db, community, {
      skills,
      mentorshipRole: extra.role ?? 'BOTH',
      ...(extra.status ? { status: extra.status } : {}),
      ...(extra.step ? { onboardingStep: extra.step } : {}),
      ...(extra.name ? { displayName: extra.name } : {}),
      ...(extra.admin ? { role: 'ADMIN' as const } : {}),
    });
    if ((extra.step ?? 'DONE') === 'DONE') {
      await database.db
        .updateTable('members')
        .set({
          timezone: extra.timezone ?? 'Europe/Berlin',
          years_experience: extra.years ?? 5,
          mentorship_types: extra.types ?? ['CODE_REVIEW'],
          mentee_capacity: extra.capacity ?? 2,
        })
        .where('id', '=', member.id)
        .execute();
    }
    return member;
  }
  const mentorOf = (slug: string, level: number, extra = {}) => (community: BuiltCommunity) => person(community, [{ slug, direction: 'OFFER', level }], { role: 'MENTOR', ...extra });
  const menteeOf = (slug: string, level: number, extra = {}) => (community: BuiltCommunity) => person(community, [{ slug, direction: 'SEEK', level }], { role: 'MENTEE', ...extra });
  const ids = (outcome: Awaited<ReturnType<typeof findSuggestions>>) => expectOk(outcome).suggestions.map((suggestion) => suggestion.memberId);

  it('suggests mentors with their reasons, stores them as PENDING and offers Request and Decline', async () => {
    const community = await makeCommunity(database.db);
    const mentee = await person(community, [{ slug: 'backend', direction: 'SEEK', level: 2 }], { role: 'MENTEE', years: 1, timezone: 'America/New_York', types: ['CODE_REVIEW', 'CAREER_GROWTH'] });
    const grace = await person(community, [{ slug: 'backend', direction: 'OFFER', level: 4 }], { role: 'MENTOR', years: 15, timezone: 'America/Chicago', name: 'Grace' });
    const weaker = await mentorOf('backend', 2, { years: 3 })(community);
    await mentorOf('backend', 1)(community); // below the wanted level
    await mentorOf('frontend', 5)(community); // not a wanted skill

    const found = expectOk(await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor' }));
    expect(found.suggestions.map((suggestion) => suggestion.memberId)).toEqual([grace.id, weaker.id]);
    const [best] = found.suggestions;
    expect(best!.explanation).toEqual(['offers Backend at level 4, which you want (level 2)', '14 more years of experience than you', '1 hour apart']);
    expect(found.reply.fields?.[0]?.name).toMatch(/^Grace \(score \d+\.\d\)$/);
    expect(found.reply.actions?.map((action) => action.customId)).toEqual([
      `mentor:request:start:${grace.id}`,
      `mentor:suggestion:decline:${best!.suggestionId}`,
      `mentor:request:start:${weaker.id}`,
      `mentor:suggestion:decline:${found.suggestions[1]!.suggestionId}`,
    ]);
    const stored = await database.db.selectFrom('suggestions').select(['mentor_id', 'mentee_id', 'status', 'reasons']).where('mentee_id', '=', mentee.id).orderBy('score', 'desc').execute();
    expect(stored.map((row) => [row.mentor_id, row.status])).toEqual([[grace.id, 'PENDING'], [weaker.id, 'PENDING']]);
    expect(stored[0]!.reasons[0]).toMatchObject({ kind: 'skill', offeredLevel: 4, wantedLevel: 2 });

    // Asking again refreshes the open suggestions instead of adding rows.
    expectOk(await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor', limit: 1 }));
    expect(await database.db.selectFrom('suggestions').select('id').where('mentee_id', '=', mentee.id).execute()).toHaveLength(2);

    // The mentor's side: mentees who want what they offer.
    const forGrace = expectOk(await findSuggestions(deps(), actorFor(grace), { lookingFor: 'mentee' }));
    expect(forGrace.suggestions.map((suggestion) => suggestion.memberId)).toEqual([mentee.id]);
    expect(forGrace.suggestions[0]!.explanation[0]).toBe('wants Backend at level 2, which you offer at level 4');
  });

  it('filters by skill and refuses a skill the member does not want', async () => {
    const community = await makeCommunity(database.db);
    const mentee = await person(community, [{ slug: 'backend', direction: 'SEEK', level: 1 }, { slug: 'devops', direction: 'SEEK', level: 1 }], { role: 'MENTEE' });
    const backend = await mentorOf('backend', 3)(community);
    const devops = await mentorOf('devops', 3)(community);
    expect(ids(await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor' })).sort()).toEqual([backend.id, devops.id].sort());
    expect(ids(await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor', skillId: await skillBySlug(database.db, community, 'devops') }))).toEqual([devops.id]);
    const other = await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor', skillId: await skillBySlug(database.db, community, 'cloud') });
    expect(expectProblem(other).code).toBe('invalid-input');
  });

  it('never suggests excluded pairs or members outside matching', async () => {
    const community = await makeCommunity(database.db);
    const mentee = await menteeOf('backend', 1)(community);
    const make = mentorOf('backend', 3);
    const kept = await make(community);
    const declined = await make(community);
    const rejected = await make(community);
    const past = await make(community);
    const current = await make(community);
    const blockedByMentee = await make(community);
    const blockingMentee = await make(community);
    const suspended = await mentorOf('backend', 3, { status: 'SUSPENDED' })(community);
    const left = await mentorOf('backend', 3, { status: 'LEFT' })(community);
    const pending = await mentorOf('backend', 3, { status: 'PENDING_APPROVAL' })(community);
    const unfinished = await mentorOf('backend', 3, { step: 'GOALS' })(community);
    const full = await mentorOf('backend', 3, { capacity: 1 })(community);
    const fullsMentee = await menteeOf('frontend', 1)(community);
    const other = await makeCommunity(database.db);
    await mentorOf('backend', 5)(other);

    await database.db.insertInto('suggestions').values({ community_id: community.id, mentor_id: declined.id, mentee_id: mentee.id, score: 1, status: 'DECLINED' }).execute();
    const statuses: [BuiltMember, MentorshipStatus][] = [[rejected, 'REJECTED'], [past, 'COMPLETED'], [current, 'ACCEPTED']];
    for (const [mentor, status] of statuses) await makeMentorship(database.db, community, { mentor, mentee, status });
    await makeMentorship(database.db, community, { mentor: full, mentee: fullsMentee, status: 'ACCEPTED' });
    await database.db.insertInto('member_blocks').values([{ member_id: mentee.id, blocked_member_id: blockedByMentee.id }, { member_id: blockingMentee.id, blocked_member_id: mentee.id }]).execute();
    void [suspended, left, pending, unfinished];

    // The member already has an open mentorship as a mentee (the current pair): allow more for this test.
    await database.db.updateTable('communities').set({ settings: JSON.stringify({ openRelations: { perMentee: 3 } }) }).where('id', '=', community.id).execute();
    expect(ids(await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor', limit: 10 }))).toEqual([kept.id]);

    // Declining hides the pair for good; through the cache too.
    const cached = { ...deps(), matchingIndexes: new MatchingIndexCache() };
    const again = expectOk(await findSuggestions(cached, actorFor(mentee), { lookingFor: 'mentor' }));
    expectOk(await declineSuggestion(deps(), actorFor(mentee), { suggestionId: again.suggestions[0]!.suggestionId }));
    expect(ids(await findSuggestions(cached, actorFor(mentee), { lookingFor: 'mentor' }))).toEqual([]);
    expect(expectProblem(await declineSuggestion(deps(), actorFor(mentee), { suggestionId: again.suggestions[0]!.suggestionId })).code).toBe('already-done');
    // Someone else cannot answer it.
    expect(expectProblem(await declineSuggestion(deps(), actorFor(kept), { suggestionId: -1 })).code).toBe('not-found');
  });

  it('accepting returns what the request form needs', async () => {
    const community = await makeCommunity(database.db);
    const mentee = await menteeOf('backend', 2)(community);
    const mentor = await mentorOf('backend', 4)(community);
    const [suggestion] = expectOk(await findSuggestions(deps(), actorFor(mentee), { lookingFor: 'mentor' })).suggestions;
    const prefill = expectOk(await acceptSuggestion(deps(), actorFor(mentor), { suggestionId: suggestion!.suggestionId }));
    expect(prefill).toMatchObject({ otherMemberId: mentee.id, mentorId: mentor.id, menteeId: mentee.id, actorRole: 'MENTOR', roundId: null });
    expect(prefill.descriptionSeed).toMatch(/^I would like to mentor you on Backend\. Suggested because: Backend: offered at level 4, wanted at level 2/);
    // Opening the form records nothing: sending the request marks the suggestion accepted (relation.actions.test.ts).
    const row = await database.db.selectFrom('suggestions').select(['status', 'responded_at']).where('id', '=', suggestion!.suggestionId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'PENDING', responded_at: null });
  });

  it('runs a round at the optimum under capacities, tells the unmatched why, and sends each DM once', async () => {
    const community = await makeCommunity(database.db, { settings: { matching: { rounds: { enabled: true, everyWeeks: 2, weekday: 'mon', time: '10:00' } } } });
    await database.db.updateTable('communities').set({ timezone: 'Europe/Berlin' }).where('id', '=', community.id).execute();
    const admin = await person(community, [], { role: 'MENTOR', admin: true });
    // One seat each. Greedy would give the expert to the first mentee (best single pair) and leave the
    // second without anyone; the optimum gives the expert to the second and the basic mentor to the first.
    const expert = await person(community, [{ slug: 'backend', direction: 'OFFER', level: 5 }, { slug: 'cloud', direction: 'OFFER', level: 3 }], { role: 'MENTOR', capacity: 1 });
    const basic = await mentorOf('backend', 3, { capacity: 1 })(community);
    const first = await menteeOf('backend', 3)(community);
    const second = await menteeOf('cloud', 3)(community);
    const nobodyOffers = await menteeOf('ai-ml', 1)(community);
    const skipper = await menteeOf('backend', 1)(community);

    const scheduled = expectOk(await scheduleNextRound(deps(), systemActor, { communityId: community.id }))!;
    expect(scheduled.scheduledFor.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(expectOk(await scheduleNextRound(deps(), systemActor, { communityId: community.id }))!.roundId).toBe(scheduled.roundId);

    // Too early for the heads-up; then a day before.
    expect(expectOk(await announceRound(deps(), systemActor, { communityId: community.id })).queued).toBe(0);
    clock.set('2026-03-08T10:00:00Z');
    const announced = expectOk(await announceRound(deps(), systemActor, { communityId: community.id }));
    expect(announced.queued).toBe(6); // expert, basic and the four mentees; the admin offers nothing
    expect(expectOk(await announceRound(deps(), systemActor, { communityId: community.id })).queued).toBe(0);
    expectOk(await skipRound(deps(), actorFor(skipper), { roundId: scheduled.roundId }));

    const preview = expectOk(await previewRound(deps(), actorFor(admin), { roundId: scheduled.roundId }));
    expect(preview.stats).toMatchObject({ eligibleMentees: 3, eligibleMentors: 2, seats: 2, matched: 2 });
    expect(preview.stats.greedy.total).toBeLessThan(preview.stats.totalScore);
    expect(preview.unmatched).toEqual([{ memberId: nobodyOffers.id, side: 'mentee', reason: 'no-mentor-offers', name: nobodyOffers.displayName }]);
    // The pairs as an admin reads them: names, score, every reason in words, best score first.
    expect(preview.pairs.map((pair) => [pair.mentorId, pair.menteeId])).toEqual(expect.arrayContaining([[basic.id, first.id], [expert.id, second.id]]));
    expect(preview.pairs[0]!.score).toBeGreaterThanOrEqual(preview.pairs[1]!.score);
    const cloudPair = preview.pairs.find((pair) => pair.menteeId === second.id)!;
    expect(cloudPair).toMatchObject({ mentorName: expert.displayName, menteeName: second.displayName });
    expect(cloudPair.reasons[0]).toBe('Cloud: offered at level 3, wanted at level 3');
    // Names are for the page only: the stored stats keep ids.
    const stored = await database.db.selectFrom('matching_rounds').select('stats').where('id', '=', scheduled.roundId).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.stats)).not.toContain(nobodyOffers.displayName);
    expect(await database.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `round:${scheduled.roundId}:pair:%`).execute()).toEqual([]);

    clock.set('2026-03-09T09:00:00Z');
    const due = await findDueRound(database.db, community.id, clock.now());
    expect(due?.id).toBe(scheduled.roundId);
    const result = expectOk(await runScheduledRound(deps(), systemActor, { roundId: scheduled.roundId }));
    expect(result.stats.matched).toBe(2);
    const pairs = await database.db.selectFrom('suggestions').select(['mentor_id', 'mentee_id']).where('matching_round_id', '=', scheduled.roundId).orderBy('mentee_id').execute();
    expect(pairs).toEqual([{ mentor_id: basic.id, mentee_id: first.id }, { mentor_id: expert.id, mentee_id: second.id }]);

    const again = await runRound(deps(), actorFor(admin), { roundId: scheduled.roundId });
    expect(expectProblem(again).code).toBe('already-done');
    const outbox = await database.db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', `round:${scheduled.roundId}:%`).where('dedupe_key', 'not like', '%heads-up%').execute();
    expect(outbox.map((row) => row.dedupe_key).sort()).toEqual(
      [
        `round:${scheduled.roundId}:pair:${first.id}:${basic.id}:to:${first.id}`,
        `round:${scheduled.roundId}:pair:${first.id}:${basic.id}:to:${basic.id}`,
        `round:${scheduled.roundId}:pair:${second.id}:${expert.id}:to:${second.id}`,
        `round:${scheduled.roundId}:pair:${second.id}:${expert.id}:to:${expert.id}`,
        `round:${scheduled.roundId}:unmatched:${nobodyOffers.id}`,
      ].sort(),
    );
    const unmatchedDm = outbox.find((row) => row.dedupe_key.endsWith(`unmatched:${nobodyOffers.id}`))!.payload as { message: { body: unknown[] } };
    expect(JSON.stringify(unmatchedDm.message.body)).toMatch(/nobody in the community offers the skills you want/);
    expect(JSON.stringify(unmatchedDm.message.body)).toContain('2026-03-23T09:00:00.000Z');
    const pairDm = outbox.find((row) => row.dedupe_key.endsWith(`to:${second.id}`))!.payload as { message: { body: unknown[]; actions: { customId: string }[] } };
    expect(JSON.stringify(pairDm.message.body)).toMatch(/offers Cloud at level 3, which you want \(level 3\)/);
    expect(pairDm.message.actions.map((action) => action.customId)).toEqual([expect.stringMatching(/^mentor:suggestion:accept:\d+$/), expect.stringMatching(/^mentor:suggestion:decline:\d+$/)]);

    expect(expectProblem(await skipRound(deps(), actorFor(skipper), { roundId: scheduled.roundId })).code).toBe('wrong-state');
    const next = expectOk(await scheduleNextRound(deps(), systemActor, { communityId: community.id }))!;
    expect(next.scheduledFor.toISOString()).toBe('2026-03-23T09:00:00.000Z');
  });

  it('an admin previews an unscheduled round, then runs it', async () => {
    const community = await makeCommunity(database.db);
    const admin = await person(community, [], { role: 'MENTEE', admin: true });
    const mentor = await mentorOf('databases', 3)(community);
    const mentee = await menteeOf('databases', 3)(community);
    const preview = expectOk(await previewRound(deps(), actorFor(admin)));
    expect(preview.reply.actions?.[0]?.customId).toBe(`mentor:round:run:${preview.roundId}`);
    expect(preview.stats.scores).toMatchObject({ min: expect.any(Number), histogram: expect.any(Array) });
    const ran = expectOk(await runRound(deps(), actorFor(admin), { roundId: preview.roundId }));
    expect(ran.stats.matched).toBe(1);
    const pair = await database.db.selectFrom('suggestions').select(['mentor_id', 'mentee_id']).where('matching_round_id', '=', preview.roundId).execute();
    expect(pair).toEqual([{ mentor_id: mentor.id, mentee_id: mentee.id }]);
  });

  it('leaves members who turned suggestions off out of a round: no heads-up, no seat held, no DM; the preview says why', async () => {
    const community = await makeCommunity(database.db, { settings: { matching: { rounds: { enabled: true, everyWeeks: 2, weekday: 'mon', time: '10:00' } } } });
    const admin = await person(community, [], { role: 'MENTOR', admin: true });
    // The quiet mentor fits the mentee best and would take the only open mentee's place.
    const quietMentor = await mentorOf('backend', 5, { capacity: 1, years: 20 })(community);
    const mentor = await mentorOf('backend', 3, { capacity: 1 })(community);
    const mentee = await menteeOf('backend', 2)(community);
    const quietMentee = await menteeOf('backend', 2)(community);
    for (const member of [quietMentor, quietMentee]) {
      const kindsButSuggestions = ['requests', 'sessions', 'reminders', 'goals', 'announcements'];
      expectOk(await updateNotificationPreferences(deps(), actorFor(member), { values: { dmKinds: kindsButSuggestions, digest: ['immediate'], quietHours: '' } }));
    }

    const scheduled = expectOk(await scheduleNextRound(deps(), systemActor, { communityId: community.id }))!;
    clock.set('2026-03-08T10:00:00Z');
    expect(expectOk(await announceRound(deps(), systemActor, { communityId: community.id })).queued).toBe(2);
    const headsUps = await database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', `round:${scheduled.roundId}:heads-up:%`).execute();
    expect(headsUps.map((row) => row.dedupe_key).sort()).toEqual([`round:${scheduled.roundId}:heads-up:${mentee.id}`, `round:${scheduled.roundId}:heads-up:${mentor.id}`].sort());

    const preview = expectOk(await previewRound(deps(), actorFor(admin), { roundId: scheduled.roundId }));
    expect(preview.stats).toMatchObject({ eligibleMentees: 1, eligibleMentors: 1, seats: 1, matched: 1, unmatchedByReason: { 'suggestions-off': 2 } });
    expect(preview.pairs.map((pair) => [pair.mentorId, pair.menteeId])).toEqual([[mentor.id, mentee.id]]);
    expect(preview.unmatched).toEqual(
      expect.arrayContaining([
        { memberId: quietMentor.id, side: 'mentor', reason: 'suggestions-off', name: quietMentor.displayName },
        { memberId: quietMentee.id, side: 'mentee', reason: 'suggestions-off', name: quietMentee.displayName },
      ]),
    );
    expect(preview.unmatched).toHaveLength(2);
    expect(JSON.stringify(preview.reply.fields)).toContain('2: turned match suggestions off');

    clock.set('2026-03-09T09:00:00Z');
    expect(expectOk(await runScheduledRound(deps(), systemActor, { roundId: scheduled.roundId })).stats.matched).toBe(1);
    const suggested = await database.db.selectFrom('suggestions').select(['mentor_id', 'mentee_id']).where('matching_round_id', '=', scheduled.roundId).execute();
    expect(suggested).toEqual([{ mentor_id: mentor.id, mentee_id: mentee.id }]);
    const sent = await database.db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', `round:${scheduled.roundId}:%`).execute();
    const recipients = new Set(sent.map((row) => (row.payload as { recipientMemberId: number }).recipientMemberId));
    expect(recipients).toEqual(new Set([mentor.id, mentee.id]));
  });

  it('never suggests a pair both ways in one round: the better direction stays, preview and run agree', async () => {
    const community = await makeCommunity(database.db);
    const admin = await person(community, [], { role: 'MENTEE', admin: true });
    // Each offers what the other wants, so each could mentor the other; Ada is the stronger mentor of the two.
    const ada = await person(community, [{ slug: 'backend', direction: 'OFFER', level: 5 }, { slug: 'cloud', direction: 'SEEK', level: 2 }], { years: 12, name: 'Ada' });
    const bo = await person(community, [{ slug: 'cloud', direction: 'OFFER', level: 3 }, { slug: 'backend', direction: 'SEEK', level: 2 }], { years: 4, name: 'Bo' });

    const preview = expectOk(await previewRound(deps(), actorFor(admin)));
    expect(preview.pairs.map((pair) => [pair.mentorId, pair.menteeId])).toEqual([[ada.id, bo.id]]);
    expect(preview.stats).toMatchObject({ matched: 1, unmatchedByReason: { 'paired-other-way': 2 } });
    expect(preview.unmatched.map(({ memberId, side, reason }) => ({ memberId, side, reason }))).toEqual(
      expect.arrayContaining([
        { memberId: ada.id, side: 'mentee', reason: 'paired-other-way' },
        { memberId: bo.id, side: 'mentor', reason: 'paired-other-way' },
      ]),
    );
    expect(JSON.stringify(preview.reply.fields)).toContain('2: paired the other way round');
    expect(preview.reply.fields?.find((field) => field.name === 'One way only')?.value).toEqual([
      '1 pair of members who could mentor each other was suggested one way only',
    ]);

    const ran = expectOk(await runRound(deps(), actorFor(admin), { roundId: preview.roundId }));
    expect(ran.stats.totalScore).toBe(preview.stats.totalScore);
    const suggested = await database.db.selectFrom('suggestions').select(['mentor_id', 'mentee_id']).where('matching_round_id', '=', preview.roundId).execute();
    expect(suggested).toEqual([{ mentor_id: ada.id, mentee_id: bo.id }]);
    // Each hears about the one pair, and nobody is told "no partner" about the person they were just paired with.
    const sent = await database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', `round:${preview.roundId}:%`).execute();
    expect(sent.map((row) => row.dedupe_key).sort()).toEqual(
      [`round:${preview.roundId}:pair:${bo.id}:${ada.id}:to:${bo.id}`, `round:${preview.roundId}:pair:${bo.id}:${ada.id}:to:${ada.id}`].sort(),
    );
  });
});
