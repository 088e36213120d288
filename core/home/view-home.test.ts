import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship, newcomer, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { CoreDeps } from '../deps.js';
import type { Message } from '../reply.js';
import { viewHome } from './view-home.js';

const database = useTestDatabase();
const now = '2026-03-01T12:00:00Z';
const deps = (): CoreDeps => ({ db: database.db, clock: fixedClock(now) });

const ids = (message: Message | undefined) => (message?.actions ?? []).map((action) => action.customId);
const text = (message: Message | undefined) =>
  JSON.stringify([message?.title, message?.body, message?.fields?.map((field) => [field.name, field.value])]);

/** A mentor for anyone seeking Frontend (the builders' members seek it at level 2). */
const frontendMentor = (community: BuiltCommunity, displayName: string) =>
  makeMember(database.db, community, { displayName, mentorshipRole: 'MENTOR', skills: [{ slug: 'frontend', direction: 'OFFER', level: 4 }] });

describe('viewHome', () => {
  it('invites someone who has not joined, with a Join button, and creates no member', async () => {
    const community = await makeCommunity(database.db);
    const home = expectOk(await viewHome(deps(), newcomer(community)));
    expect(home.stage).toBe('invited');
    expect(home.messages).toHaveLength(1);
    expect(home.messages[0]?.title).toBe('Welcome to Mentorship program');
    expect(ids(home.messages[0])).toEqual(['mentor:onboard:open:PROFILE']);
    expect(await database.db.selectFrom('members').select('id').where('community_id', '=', community.id).execute()).toEqual([]);
  });

  it('shows a member part-way through onboarding the step to continue', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community, { onboardingStep: 'GOALS' });
    const home = expectOk(await viewHome(deps(), actorFor(member)));
    expect(home.stage).toBe('onboarding');
    expect(ids(home.messages[0])).toEqual(['mentor:onboard:open:GOALS']);
    expect(text(home.messages[0])).toContain('Step 2 of 3');
  });

  it('tells an onboarded member waiting for approval that an admin approves them first', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community, { status: 'PENDING_APPROVAL' });
    const home = expectOk(await viewHome(deps(), actorFor(member)));
    expect(home.stage).toBe('awaiting-approval');
    expect(text(home.messages[0])).toContain('An admin will approve your membership');
    expect(home.suggestions).toEqual([]);
  });

  it('refuses a suspended member, saying why', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community, { status: 'SUSPENDED' });
    const problem = expectProblem(await viewHome(deps(), actorFor(member)));
    expect(problem.code).toBe('forbidden');
    expect(problem.message).toContain('suspended');
  });

  describe('for an onboarded member', () => {
    interface World {
      community: BuiltCommunity;
      ada: BuiltMember;
      requester: BuiltMember;
      mentee: BuiltMember;
      former: BuiltMember;
      mentor: BuiltMember;
      requestId: number;
      runningId: number;
      endedId: number;
      proposedSessionId: number;
      attendedSessionId: number;
    }

    /**
     * Ada mentors one mentee (a session they proposed to confirm, a later end
     * date they proposed, one goal of two reached, a session Ada proposed
     * herself), has a request waiting for her, offered to mentor someone, and was
     * mentored in a mentorship that ended last week (a session to rate, a
     * review to give). One member in the community could mentor her.
     */
    async function world(): Promise<World> {
      const community = await makeCommunity(database.db);
      const ada = await makeMember(database.db, community, { displayName: 'Ada' });
      const requester = await makeMember(database.db, community, { displayName: 'Requester' });
      const mentee = await makeMember(database.db, community, { displayName: 'Mentee' });
      const former = await makeMember(database.db, community, { displayName: 'Former' });
      const asked = await makeMember(database.db, community, { displayName: 'Asked' });
      const mentor = await frontendMentor(community, 'Grace');
      const { id: requestId } = await makeMentorship(database.db, community, { mentor: ada, mentee: requester, status: 'PENDING', description: 'Learn SQL window functions' });
      await database.db.updateTable('mentorships').set({ expires_at: new Date('2026-03-05T12:00:00Z') }).where('id', '=', requestId).execute();
      await makeMentorship(database.db, community, { mentor: ada, mentee: asked, status: 'PENDING', senderIsMentee: false, description: 'Learn Rust lifetimes properly' });
      const { id: runningId } = await makeMentorship(database.db, community, { mentor: ada, mentee, description: 'Design Postgres schemas' });
      await database.db.updateTable('mentorships').set({ extension_end_date: '2026-08-31', extension_proposed_by: mentee.id }).where('id', '=', runningId).execute();
      const proposed = await database.db
        .insertInto('mentoring_sessions')
        .values({ mentorship_id: runningId, proposed_by: mentee.id, status: 'PROPOSED', kind: 'VIDEO_CALL', starts_at: new Date('2026-03-04T17:00:00Z'), duration_minutes: 60 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await database.db
        .insertInto('mentoring_sessions')
        .values({ mentorship_id: runningId, proposed_by: ada.id, status: 'PROPOSED', kind: 'CODE_REVIEW', starts_at: new Date('2026-03-06T17:00:00Z'), duration_minutes: 30 })
        .execute();
      await database.db.insertInto('goals').values([
        { mentorship_id: runningId, title: 'Normalize the schema', status: 'DONE', completed_at: new Date('2026-02-20T10:00:00Z') },
        { mentorship_id: runningId, title: 'Add indexes' },
      ]).execute();
      const { id: endedId } = await makeMentorship(database.db, community, { mentor: former, mentee: ada, status: 'COMPLETED', description: 'Prepare for interviews' });
      await database.db.updateTable('mentorships').set({ ended_at: new Date('2026-02-22T22:59:00Z') }).where('id', '=', endedId).execute();
      const attended = await database.db
        .insertInto('mentoring_sessions')
        .values({ mentorship_id: endedId, proposed_by: former.id, status: 'COMPLETED', kind: 'VIDEO_CALL', starts_at: new Date('2026-02-18T17:00:00Z'), duration_minutes: 60 })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { community, ada, requester, mentee, former, mentor, requestId, runningId, endedId, proposedSessionId: proposed.id, attendedSessionId: attended.id };
    }

    it('lists everything waiting for an answer, the running mentorship and the top suggestions', async () => {
      const setup = await world();
      const home = expectOk(await viewHome(deps(), actorFor(setup.ada)));
      expect(home.stage).toBe('member');
      expect(home.pending.requests.map((request) => request.mentorshipId)).toEqual([setup.requestId]);
      expect(home.pending.sessions.map((session) => session.sessionId)).toEqual([setup.proposedSessionId]);
      expect(home.pending.extensions).toEqual([expect.objectContaining({ mentorshipId: setup.runningId, proposedEndDate: '2026-08-31', endDate: '2026-06-30' })]);
      expect(home.pending.feedback.map((owed) => (owed.kind === 'final' ? ['final', owed.mentorshipId] : ['session', owed.sessionId]))).toEqual([['final', setup.endedId], ['session', setup.attendedSessionId]]);
      expect(home.current.map((summary) => summary.mentorshipId)).toEqual([setup.runningId]);
      expect(home.outgoing.map((request) => request.description)).toEqual(['Learn Rust lifetimes properly']);

      // Five messages at most: the overview, the first three things to answer, the suggestions.
      expect(home.messages).toHaveLength(5);
      const [overview, request, session, extension, suggestions] = home.messages;
      expect(text(overview)).toContain('5 things wait for your answer');
      // The two left out are feedback: the hint names the command that has them.
      expect(text(overview)).toContain('The first 3 are below; for the rest, `/mentor feedback` asks for the feedback you owe; or answer these and open your home again.');
      expect(text(overview)).not.toContain('/mentor requests');
      expect(text(overview)).toContain('1 request of yours is waiting for an answer.');
      expect(overview?.fields?.[0]?.name).toBe('Design Postgres schemas');
      expect(text(overview)).toContain('goals 1/2 reached');
      expect(text(overview)).toContain('next session');
      expect(ids(request)).toEqual([`mentor:request:accept:${setup.requestId}`, `mentor:request:reject:${setup.requestId}`, `mentor:request:ask-detail:${setup.requestId}`]);
      expect(text(request)).toContain('Learn SQL window functions');
      expect(text(request)).toContain('Answer before');
      expect(ids(session)).toEqual([`mentor:session:confirm:${setup.proposedSessionId}`, `mentor:session:counter:${setup.proposedSessionId}`, `mentor:session:cancel:${setup.proposedSessionId}`]);
      expect(ids(extension)).toEqual([`mentor:mentorship:extend:${setup.runningId}:2026-08-31`]);

      expect(home.suggestions.map((suggestion) => suggestion.memberId)).toEqual([setup.mentor.id]);
      expect(suggestions?.title).toBe('Suggested mentors');
      expect(ids(suggestions)).toEqual([`mentor:request:start:${setup.mentor.id}`, `mentor:suggestion:decline:${home.suggestions[0]!.suggestionId}`]);
      const stored = await database.db.selectFrom('suggestions').select(['mentor_id', 'mentee_id', 'status']).where('id', '=', home.suggestions[0]!.suggestionId).executeTakeFirstOrThrow();
      expect(stored).toEqual({ mentor_id: setup.mentor.id, mentee_id: setup.ada.id, status: 'PENDING' });
    });

    it('stops asking once answered: feedback given, the request declined, the session confirmed', async () => {
      const setup = await world();
      await database.db.insertInto('feedback').values([
        { mentorship_id: setup.endedId, session_id: setup.attendedSessionId, author_id: setup.ada.id, subject_id: setup.former.id, kind: 'SESSION', rating: 5 },
        { mentorship_id: setup.endedId, author_id: setup.ada.id, subject_id: setup.former.id, kind: 'FINAL', rating: 4 },
      ]).execute();
      await database.db.updateTable('mentorships').set({ status: 'REJECTED' }).where('id', '=', setup.requestId).execute();
      await database.db.updateTable('mentoring_sessions').set({ status: 'CONFIRMED' }).where('id', '=', setup.proposedSessionId).execute();
      const home = expectOk(await viewHome(deps(), actorFor(setup.ada)));
      expect(home.pending.requests).toEqual([]);
      expect(home.pending.sessions).toEqual([]);
      expect(home.pending.feedback).toEqual([]);
      expect(home.messages.map((message) => message.title)).toEqual(['Mentorship program: your home', 'Extend the mentorship?', 'Suggested mentors']);
      expect(text(home.messages[0])).toContain('1 thing waits for your answer');
    });

    it('names where to find each kind left out, and tells requests waiting for an admin from those waiting for an answer', async () => {
      const setup = await world();
      for (const name of ['Second', 'Third']) {
        const asker = await makeMember(database.db, setup.community, { displayName: name });
        await makeMentorship(database.db, setup.community, { mentor: setup.ada, mentee: asker, status: 'PENDING', description: `Help ${name} with SQL` });
      }
      const approved = await makeMember(database.db, setup.community, { displayName: 'Approved' });
      await makeMentorship(database.db, setup.community, { mentor: setup.ada, mentee: approved, status: 'AWAITING_APPROVAL', description: 'Learn query plans' });
      const home = expectOk(await viewHome(deps(), actorFor(setup.ada)));
      // Three requests fill the three places; the session, the end date and the feedback are left out.
      expect(home.messages.slice(1, 4).map((message) => message.title)).toEqual(['Mentorship request', 'Mentorship request', 'Mentorship request']);
      const overview = text(home.messages[0]);
      expect(overview).toContain('for the rest, `/mentor session list` shows the sessions proposed to you, `/mentor feedback` asks for the feedback you owe; or answer these and open your home again.');
      expect(overview).toContain('1 request of yours is waiting for an answer, and 1 for an admin\'s approval.');
    });

    it('shows the other side what is theirs to answer, not what they proposed', async () => {
      const setup = await world();
      const home = expectOk(await viewHome(deps(), actorFor(setup.mentee)));
      expect(home.pending.extensions).toEqual([]);
      expect(home.pending.sessions).toEqual([expect.objectContaining({ kind: 'CODE_REVIEW', other: expect.objectContaining({ memberId: setup.ada.id }) })]);
    });

    it('leaves feedback older than the window out', async () => {
      const setup = await world();
      const later: CoreDeps = { db: database.db, clock: fixedClock('2026-04-15T12:00:00Z') };
      const home = expectOk(await viewHome(later, actorFor(setup.ada)));
      expect(home.pending.feedback).toEqual([]);
    });

    it('says why there are no suggestions when nothing else goes on', async () => {
      const community = await makeCommunity(database.db);
      const loner = await makeMember(database.db, community, { mentorshipRole: 'MENTEE', skills: [] });
      const home = expectOk(await viewHome(deps(), actorFor(loner)));
      expect(home.messages).toHaveLength(2);
      expect(text(home.messages[0])).toContain('You have no mentorship running');
      expect(text(home.messages[1])).toContain('Add skills you want to learn to your profile first.');
    });
  });
});
