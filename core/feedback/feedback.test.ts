import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { viewOwnProfile } from '../profiles/view-own-profile.js';
import { confirmSession } from '../sessions/confirm-session.js';
import { proposeSession } from '../sessions/propose-session.js';
import { recordAttendance } from '../sessions/record-attendance.js';
import { giveFinalReview } from './give-final-review.js';
import { mentorRating } from './mentor-rating.js';
import { rateSession } from './rate-session.js';
import { viewMentorshipFeedback } from './view-feedback.js';

describe('feedback and ratings', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  async function attendedSession(community: BuiltCommunity, mentor: BuiltMember, mentee: BuiltMember) {
    clock.set('2026-03-01T12:00:00Z');
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee });
    const { sessionId } = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: { date: '2026-03-10', time: '18:00', durationMinutes: 60, kind: 'Q_AND_A' } }));
    expectOk(await confirmSession(deps(), actorFor(mentor), { sessionId }));
    clock.set('2026-03-10T19:00:00Z');
    expectOk(await recordAttendance(deps(), actorFor(mentor), { sessionId, attended: true }));
    return { mentorshipId, sessionId };
  }

  it('rates a session once per side, shows both sides each other’s feedback and nobody else', async () => {
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const admin = await makeMember(database.db, community, { role: 'ADMIN' });
    const { mentorshipId, sessionId } = await attendedSession(community, mentor, mentee);

    const rated = (rating: unknown) => rateSession(deps(), actorFor(mentee), { sessionId, values: { rating: rating as number, comment: 'Clear explanations of indexes' } });
    expect(expectProblem(await rated(0)).fields?.map((field) => field.field)).toEqual(['rating']);
    expect(expectProblem(await rated(6)).fields?.map((field) => field.field)).toEqual(['rating']);
    expect(expectProblem(await rated('four')).fields?.map((field) => field.field)).toEqual(['rating']);
    expectOk(await rated('5'));
    expect(expectProblem(await rated(4)).code).toBe('already-done');
    expectOk(await rateSession(deps(), actorFor(mentor), { sessionId, values: { rating: 4, comment: 'Well prepared questions' } }));
    expect(expectProblem(await rateSession(deps(), actorFor(admin), { sessionId, values: { rating: 1 } })).code).toBe('not-found');
    const stored = await database.db.selectFrom('feedback').select(['author_id', 'subject_id', 'rating']).where('session_id', '=', sessionId).orderBy('id').execute();
    expect(stored).toEqual([{ author_id: mentee.id, subject_id: mentor.id, rating: 5 }, { author_id: mentor.id, subject_id: mentee.id, rating: 4 }]);
    const notice = await database.db.selectFrom('outbox').select('payload').where('dedupe_key', 'like', 'feedback:%').execute();
    expect(notice.map((row) => (row.payload as { recipientMemberId: number }).recipientMemberId).sort()).toEqual([mentor.id, mentee.id].sort());

    const menteeView = expectOk(await viewMentorshipFeedback(deps(), actorFor(mentee), { mentorshipId }));
    expect(menteeView.received.map((row) => row.comment)).toEqual(['Well prepared questions']);
    expect(menteeView.given.map((row) => row.comment)).toEqual(['Clear explanations of indexes']);
    expect(expectOk(await viewMentorshipFeedback(deps(), actorFor(mentor), { mentorshipId })).received.map((row) => row.rating)).toEqual([5]);
    expect(expectProblem(await viewMentorshipFeedback(deps(), actorFor(admin), { mentorshipId })).code).toBe('not-found');
  });

  it('refuses to rate a session that did not take place', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor, mentee });
    const { sessionId } = expectOk(await proposeSession(deps(), actorFor(mentee), { mentorshipId, values: { date: '2026-03-10', time: '18:00', durationMinutes: 60, kind: 'Q_AND_A' } }));
    expect(expectProblem(await rateSession(deps(), actorFor(mentee), { sessionId, values: { rating: 5 } })).code).toBe('wrong-state');
  });

  it('takes a final review from each side once the relation ended, with the testimonial public only on explicit opt-in', async () => {
    clock.set('2026-07-01T12:00:00Z');
    const community = await makeCommunity(database.db);
    const mentor = await makeMember(database.db, community);
    const mentee = await makeMember(database.db, community);
    const running = await makeMentorship(database.db, community, { mentor, mentee });
    expect(expectProblem(await giveFinalReview(deps(), actorFor(mentee), { mentorshipId: running.id, values: { rating: 5 } })).code).toBe('wrong-state');
    await database.db.updateTable('mentorships').set({ status: 'COMPLETED', ended_at: new Date('2026-06-30T21:59:00Z') }).where('id', '=', running.id).execute();

    const noText = expectProblem(await giveFinalReview(deps(), actorFor(mentee), { mentorshipId: running.id, values: { rating: 5, testimonialPublic: 'yes' } }));
    expect(noText.fields?.map((field) => field.field)).toEqual(['testimonialPublic']);
    expectOk(await giveFinalReview(deps(), actorFor(mentee), { mentorshipId: running.id, values: { rating: 5, wentWell: 'Weekly rhythm', testimonial: 'Grace made SQL click for me.', testimonialPublic: ['yes'] } }));
    expectOk(await giveFinalReview(deps(), actorFor(mentor), { mentorshipId: running.id, values: { rating: 4, testimonial: 'Ada always came prepared.' } }));
    expect(expectProblem(await giveFinalReview(deps(), actorFor(mentor), { mentorshipId: running.id, values: { rating: 3 } })).code).toBe('already-done');
    const reviews = await database.db.selectFrom('feedback').select(['author_id', 'testimonial_public']).where('mentorship_id', '=', running.id).where('kind', '=', 'FINAL').orderBy('id').execute();
    expect(reviews).toEqual([{ author_id: mentee.id, testimonial_public: true }, { author_id: mentor.id, testimonial_public: false }]);
  });

  it('shows a mentor’s average on their profile from 3 ratings received as a mentor', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const community = await makeCommunity(database.db, { timezone: 'Europe/Berlin' });
    const mentor = await makeMember(database.db, community);
    const ratings = [5, 4, 3];
    for (const [index, rating] of ratings.entries()) {
      const mentee = await makeMember(database.db, community);
      const { sessionId } = await attendedSession(community, mentor, mentee);
      expectOk(await rateSession(deps(), actorFor(mentee), { sessionId, values: { rating } }));
      // A rating the mentor got as someone's mentee does not count towards their mentoring.
      if (index === 0) {
        const theirMentor = await makeMember(database.db, community);
        const asMentee = await attendedSession(community, theirMentor, mentor);
        expectOk(await rateSession(deps(), actorFor(theirMentor), { sessionId: asMentee.sessionId, values: { rating: 1 } }));
      }
      const expected = index < 2 ? null : 4;
      expect(await mentorRating(database.db, mentor.id)).toEqual({ count: index + 1, average: expected });
    }
    const profile = expectOk(await viewOwnProfile(deps(), actorFor(mentor)));
    expect(profile.profile.stats).toMatchObject({ ratingCount: 3, averageRating: 4 });
  });
});
