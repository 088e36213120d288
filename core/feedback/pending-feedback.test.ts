import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { SessionStatus } from '../store/database.js';
import { openFinalReviewForm, openSessionRatingForm } from './feedback-forms.js';
import { feedbackButtons, findPendingFeedback } from './pending-feedback.js';

describe('feedback still to give', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-05-10T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  async function pairs() {
    const community = await makeCommunity(database.db);
    const me = await makeMember(database.db, community);
    const grace = await makeMember(database.db, community, { displayName: 'Grace' });
    const linus = await makeMember(database.db, community, { displayName: 'Linus' });
    const ended = await makeMentorship(database.db, community, { mentor: grace, mentee: me, status: 'COMPLETED' });
    await database.db.updateTable('mentorships').set({ ended_at: new Date('2026-05-01T21:59:00Z'), space_id: 'space-ended' }).where('id', '=', ended.id).execute();
    const running = await makeMentorship(database.db, community, { mentor: linus, mentee: me, spaceId: 'space-running' });
    const session = async (mentorshipId: number, status: SessionStatus, startsAt: string) =>
      (await database.db.insertInto('mentoring_sessions').values({ mentorship_id: mentorshipId, proposed_by: me.id, status, kind: 'VIDEO_CALL', starts_at: startsAt, duration_minutes: 60 }).returning('id').executeTakeFirstOrThrow()).id;
    return { me, ended, running, session };
  }

  it('lists the final review and the sessions that took place, most recent first, leaving out missed, future and rated ones', async () => {
    const { me, ended, running, session } = await pairs();
    const attended = await session(ended.id, 'COMPLETED', '2026-04-20T17:00:00Z');
    const unmarked = await session(running.id, 'CONFIRMED', '2026-05-08T17:00:00Z');
    await session(running.id, 'MISSED', '2026-05-06T17:00:00Z');
    await session(running.id, 'CONFIRMED', '2026-05-12T17:00:00Z');
    const rated = await session(running.id, 'COMPLETED', '2026-05-04T17:00:00Z');
    await database.db.insertInto('feedback').values({ mentorship_id: running.id, session_id: rated, author_id: me.id, subject_id: null, kind: 'SESSION', rating: 4 }).execute();

    const pending = expectOk(await findPendingFeedback(deps(), actorFor(me), {}));
    expect(pending.items.map((item) => [item.kind, item.kind === 'final' ? item.mentorshipId : item.sessionId])).toEqual([
      ['session', unmarked], ['final', ended.id], ['session', attended],
    ]);
    expect(pending.items[1]?.label).toBe('Review your mentorship with Grace');
    expect(pending.items[2]?.label).toBe('Rate the session of 2026-04-20 with Grace');
    expect(feedbackButtons(pending.items).map((button) => button.customId)).toEqual([
      `mentor:feedback:session:${unmarked}`, `mentor:feedback:final:${ended.id}`, `mentor:feedback:session:${attended}`,
    ]);
  });

  it('narrows to the mentorship named or the pair space it is used in, and refuses someone else’s', async () => {
    const { me, ended, running, session } = await pairs();
    await session(running.id, 'COMPLETED', '2026-05-08T17:00:00Z');
    const inEndedSpace = expectOk(await findPendingFeedback(deps(), actorFor(me), { placeId: 'space-ended' }));
    expect(inEndedSpace.items.map((item) => item.kind)).toEqual(['final']);
    expect(inEndedSpace.mentorshipId).toBe(ended.id);
    const named = expectOk(await findPendingFeedback(deps(), actorFor(me), { mentorshipId: running.id }));
    expect(named.items.map((item) => item.kind)).toEqual(['session']);

    const stranger = await makeMember(database.db, await makeCommunity(database.db));
    expect(expectProblem(await findPendingFeedback(deps(), actorFor(stranger), { mentorshipId: running.id })).code).toBe('not-found');
    const nothing = expectOk(await findPendingFeedback(deps(), actorFor(stranger), {}));
    expect(nothing.items).toEqual([]);
    expect(nothing.nothingPending.body[0]).toContain('Nothing is waiting for your feedback');
  });

  it('opens the rating form asking whether a confirmed session took place, and refuses feedback not due yet', async () => {
    const { me, ended, running, session } = await pairs();
    const over = await session(running.id, 'CONFIRMED', '2026-05-08T17:00:00Z');
    const ahead = await session(running.id, 'CONFIRMED', '2026-05-12T17:00:00Z');
    expect(expectOk(await openSessionRatingForm(deps(), actorFor(me), { sessionId: over })).inputs.map((input) => input.id)).toEqual(['tookPlace', 'rating', 'comment']);
    expect(expectProblem(await openSessionRatingForm(deps(), actorFor(me), { sessionId: ahead })).code).toBe('wrong-state');
    expect(expectProblem(await openFinalReviewForm(deps(), actorFor(me), { mentorshipId: running.id })).code).toBe('wrong-state');
    expect(expectOk(await openFinalReviewForm(deps(), actorFor(me), { mentorshipId: ended.id })).customId).toBe(`mentor:feedback:review:${ended.id}`);
  });
});
