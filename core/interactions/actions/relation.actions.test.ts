import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { testCipher } from '../../../test/field-cipher.js';
import type { MemberActor } from '../../access/actor.js';
import { requireCommunity } from '../../communities/community.repository.js';
import type { CoreDeps } from '../../deps.js';
import { StaleInteractionError } from '../../errors.js';
import { parseInteractionId } from '../../interaction-ids.js';
import type { Problem } from '../../outcome.js';
import { silentLog } from '../../ports/log.js';
import type { FormValues, Message, ModalSpec } from '../../reply.js';
import type { InteractionContext, InteractionResponder } from '../interaction.js';
import { sharedActions } from '../registry.js';

/**
 * The relation buttons and forms as both adapters run them, against a
 * responder that records the answers: the journeys on each platform cover the
 * request's way; these cover the rest (suggestions, rounds, extensions,
 * declining) and the rules every handler keeps (a form first, bad ids stale).
 */
const database = useTestDatabase();
const deps = (): CoreDeps => ({ db: database.db, clock: fixedClock('2026-03-01T12:00:00Z') });

interface Recorded {
  readonly sent: Message[];
  readonly modals: ModalSpec[];
  readonly problems: { problem: Problem; form?: ModalSpec | undefined; reopenId?: string | undefined }[];
}

/** Presses (or submits) `customId` as `actor`, recording what the handler answered. */
async function act(actor: MemberActor, customId: string, values: FormValues = {}): Promise<Recorded> {
  const recorded: Recorded = { sent: [], modals: [], problems: [] };
  let answered = false;
  const respond: InteractionResponder = {
    defer: async () => void (answered = true),
    send: async (message) => void ((answered = true), recorded.sent.push(message)),
    showModal: async (spec) => {
      // As on both platforms: a form must be the first answer.
      if (answered) throw new Error(`form ${spec.customId} opened after answering`);
      answered = true;
      recorded.modals.push(spec);
    },
    problem: async (problem, form, reopenId) => void ((answered = true), recorded.problems.push({ problem, form, reopenId })),
  };
  const id = parseInteractionId(customId)!;
  const context: InteractionContext = { deps: deps(), cipher: testCipher, log: silentLog, community: await requireCommunity(database.db, actor.communityId), actor, displayName: 'Someone', respond };
  await sharedActions.get(`${id.area}:${id.action}`)!(context, { args: id.args, values });
  return recorded;
}

const bodyText = (message: Message | undefined) => JSON.stringify(message?.body ?? []);

/** A mentee seeking Frontend and a mentor offering it, with a pending suggestion for them from a round. */
async function pairWithSuggestion(): Promise<{ community: BuiltCommunity; mentee: BuiltMember; mentor: BuiltMember; suggestionId: number; roundId: number }> {
  const community = await makeCommunity(database.db);
  const mentee = await makeMember(database.db, community, { displayName: 'Mia', mentorshipRole: 'MENTEE', skills: [{ slug: 'frontend', direction: 'SEEK', level: 2 }] });
  const mentor = await makeMember(database.db, community, { displayName: 'Max', mentorshipRole: 'MENTOR', skills: [{ slug: 'frontend', direction: 'OFFER', level: 4 }] });
  const round = await database.db.insertInto('matching_rounds').values({ community_id: community.id, scheduled_for: new Date('2026-03-02T10:00:00Z') }).returning('id').executeTakeFirstOrThrow();
  const suggestion = await database.db
    .insertInto('suggestions')
    .values({
      community_id: community.id, mentor_id: mentor.id, mentee_id: mentee.id, score: 12, matching_round_id: round.id,
      reasons: JSON.stringify([{ kind: 'skill', skillId: await skillId(community, 'frontend'), offeredLevel: 4, wantedLevel: 2, points: 8 }]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { community, mentee, mentor, suggestionId: suggestion.id, roundId: round.id };
}

async function skillId(community: BuiltCommunity, slug: string): Promise<number> {
  return (await database.db.selectFrom('skills').select('id').where('community_id', '=', community.id).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

describe('relation actions', () => {
  it('suggestion:accept opens the request form as its first answer, filled in from the suggestion', async () => {
    const { mentee, mentor, suggestionId } = await pairWithSuggestion();
    const { modals } = await act(actorFor(mentee), `mentor:suggestion:accept:${suggestionId}`);
    expect(modals).toHaveLength(1);
    const form = modals[0]!;
    expect(form.customId).toBe(`mentor:request:send:${mentor.id}`);
    const byId = new Map(form.inputs.map((input) => [input.id, input]));
    expect(byId.get('senderRole')).toMatchObject({ initialValues: ['MENTEE'] });
    expect(byId.get('description')).toMatchObject({ value: expect.stringMatching(/^I would like your mentoring on Frontend\. Suggested because: /) });
  });

  it('marks the suggestion accepted when its request is sent, not when the form opens', async () => {
    const { mentee, mentor, suggestionId } = await pairWithSuggestion();
    const status = async () => (await database.db.selectFrom('suggestions').select('status').where('id', '=', suggestionId).executeTakeFirstOrThrow()).status;
    const { modals } = await act(actorFor(mentee), `mentor:suggestion:accept:${suggestionId}`);
    // Closing the form without sending leaves the suggestion as it was; opening it again works.
    expect(await status()).toBe('PENDING');
    expect((await act(actorFor(mentee), `mentor:suggestion:accept:${suggestionId}`)).modals).toHaveLength(1);

    const endDate = modals[0]!.inputs.find((input) => input.id === 'endDate');
    const values = { senderRole: ['MENTEE'], description: 'Learn to test React components with confidence', endDate: endDate?.type === 'text' ? endDate.value ?? '' : '' };
    const sent = await act(actorFor(mentee), `mentor:request:send:${mentor.id}`, values);
    expect(bodyText(sent.sent[0])).toContain('Your request was sent to ');
    expect(await status()).toBe('ACCEPTED');
    // Sending again is refused and changes nothing; the accepted suggestion can no longer be declined.
    const again = await act(actorFor(mentee), `mentor:request:send:${mentor.id}`, values);
    expect(again.problems[0]?.problem.code).toBe('conflict');
    expect(await status()).toBe('ACCEPTED');
    expect((await act(actorFor(mentor), `mentor:suggestion:decline:${suggestionId}`)).problems[0]?.problem.code).toBe('wrong-state');
  });

  it('suggestion:decline never suggests the pair again; twice is answered as done', async () => {
    const { mentee, suggestionId } = await pairWithSuggestion();
    const first = await act(actorFor(mentee), `mentor:suggestion:decline:${suggestionId}`);
    expect(bodyText(first.sent[0])).toContain('we will not suggest Max to you again');
    const again = await act(actorFor(mentee), `mentor:suggestion:decline:${suggestionId}`);
    expect(again.problems[0]?.problem).toMatchObject({ code: 'already-done' });
    const next = await act(actorFor(mentee), 'mentor:suggestions:next');
    expect(next.sent[0]?.title).toBeUndefined();
    expect(bodyText(next.sent[0])).toContain('No mentors fit your profile right now');
  });

  it('suggestions:next suggests mentors to a mentee and mentees to a mentor', async () => {
    const { community, mentee, mentor } = await pairWithSuggestion();
    // Each was declined by someone else before.
    const [busyMentor, busyMentee] = [await makeMember(database.db, community, { mentorshipRole: 'MENTOR' }), await makeMember(database.db, community, { mentorshipRole: 'MENTEE' })];
    const declinedMentee = await makeMentorship(database.db, community, { mentor: busyMentor, mentee, status: 'REJECTED' });
    const declinedMentor = await makeMentorship(database.db, community, { mentor, mentee: busyMentee, status: 'REJECTED', senderIsMentee: false });
    expect((await act(actorFor(mentee), `mentor:suggestions:next:${declinedMentee.id}`)).sent[0]?.title).toBe('Suggested mentors');
    expect((await act(actorFor(mentor), `mentor:suggestions:next:${declinedMentor.id}`)).sent[0]?.title).toBe('Suggested mentees');
    // Buttons sent before they named the request still work.
    expect((await act(actorFor(mentee), 'mentor:suggestions:next')).sent[0]?.title).toBe('Suggested mentors');
  });

  it('suggestions:next offers mentees to someone who does both once they are mentored as much as allowed', async () => {
    const { community, mentor } = await pairWithSuggestion();
    const both = await makeMember(database.db, community, { displayName: 'Bo' });
    await makeMentorship(database.db, community, { mentor, mentee: both });
    const seeker = await makeMember(database.db, community, { mentorshipRole: 'MENTEE', skills: [{ slug: 'backend', direction: 'SEEK', level: 2 }] });
    const { sent } = await act(actorFor(both), 'mentor:suggestions:next');
    expect(sent[0]?.title).toBe('Suggested mentees');
    expect(sent[0]?.actions?.[0]?.customId).toBe(`mentor:request:start:${seeker.id}`);
  });

  it('round:skip sits the member out; round:run is refused to a member and runs for an admin', async () => {
    const { community, mentee, roundId } = await pairWithSuggestion();
    const skipped = await act(actorFor(mentee), `mentor:round:skip:${roundId}`);
    expect(bodyText(skipped.sent[0])).toContain('You skip the round');
    expect(await database.db.selectFrom('matching_round_skips').select('member_id').where('round_id', '=', roundId).execute()).toEqual([{ member_id: mentee.id }]);

    const refused = await act(actorFor(mentee), `mentor:round:run:${roundId}`);
    expect(refused.problems[0]?.problem).toMatchObject({ code: 'forbidden', message: 'Only admins and owners can do this.' });
    const admin = await makeMember(database.db, community, { role: 'ADMIN', mentorshipRole: 'MENTOR', skills: [] });
    const ran = await act(actorFor(admin), `mentor:round:run:${roundId}`);
    expect(bodyText(ran.sent[0])).toContain('Round done');
    expect((await database.db.selectFrom('matching_rounds').select('status').where('id', '=', roundId).executeTakeFirstOrThrow()).status).toBe('COMPLETED');
  });

  it('request:reject declines for the receiver; the sender cannot', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    const bySender = await act(actorFor(mentee), `mentor:request:reject:${id}`);
    expect(bySender.problems[0]?.problem).toMatchObject({ code: 'forbidden', message: 'Only the member who received this request can reject this.' });
    const declined = await act(actorFor(mentor), `mentor:request:reject:${id}`);
    expect(bodyText(declined.sent[0])).toContain('You declined the request.');
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('REJECTED');
  });

  it('mentorship:extend proposes a date, and the other side\'s Agree extends it', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, endDate: '2026-06-30' });
    const proposed = await act(actorFor(mentee), `mentor:mentorship:extend:${id}:2026-07-31`);
    expect(bodyText(proposed.sent[0])).toContain('You proposed to continue until 2026-07-31');
    const agreed = await act(actorFor(mentor), `mentor:mentorship:extend:${id}:2026-07-31`);
    expect(bodyText(agreed.sent[0])).toContain('Agreed: the mentorship now runs until 2026-07-31.');
    expect((await database.db.selectFrom('mentorships').select('end_date').where('id', '=', id).executeTakeFirstOrThrow()).end_date).toBe('2026-07-31');
    await expect(act(actorFor(mentor), `mentor:mentorship:extend:${id}:someday`)).rejects.toBeInstanceOf(StaleInteractionError);
  });

  it('mentorship:pause opens its form only for the pair; mentorship:keep changes nothing', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee, outsider] = [await makeMember(database.db, community), await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, endDate: '2026-06-30' });
    const form = await act(actorFor(mentee), `mentor:mentorship:pause:${id}`);
    expect(form.modals[0]).toMatchObject({ customId: `mentor:mentorship:pause:${id}`, inputs: [expect.objectContaining({ id: 'until', value: '2026-03-15' }), expect.objectContaining({ id: 'reason' })] });
    const notTheirs = await act(actorFor(outsider), `mentor:mentorship:pause:${id}`);
    expect(notTheirs.modals).toEqual([]);
    expect(notTheirs.problems[0]?.problem.code).toBe('not-found');

    const late = await act(actorFor(mentee), `mentor:mentorship:pause:${id}`, { until: '2026-07-15', reason: '' });
    expect(late.problems[0]).toMatchObject({ problem: { code: 'invalid-input', fields: [{ field: 'until', message: 'Pick a day before 2026-06-30.' }] }, reopenId: `mentor:mentorship:pause:${id}` });
    expect(late.problems[0]?.form?.customId).toBe(`mentor:mentorship:pause:${id}`);

    const kept = await act(actorFor(mentee), `mentor:mentorship:keep:${id}`);
    expect(bodyText(kept.sent[0])).toContain('Nothing changed');
    expect((await database.db.selectFrom('mentorships').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('ACCEPTED');
  });

  it('request:ask-detail names a too-short question with the form to reopen, and sends nothing', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    const refused = await act(actorFor(mentor), `mentor:request:ask-detail:${id}`, { question: 'Hm' });
    expect(refused.problems[0]).toMatchObject({ problem: { code: 'invalid-input', fields: [{ field: 'question' }] }, reopenId: `mentor:request:ask-detail:${id}` });
    expect(await database.db.selectFrom('outbox').select('id').where('community_id', '=', community.id).execute()).toEqual([]);
  });

  it('treats malformed ids as stale', async () => {
    const community = await makeCommunity(database.db);
    const member = await makeMember(database.db, community);
    for (const customId of ['mentor:request:accept:abc', 'mentor:suggestion:decline:-1', 'mentor:round:run:1e3', 'mentor:suggestions:next:abc']) {
      await expect(act(actorFor(member), customId)).rejects.toBeInstanceOf(StaleInteractionError);
    }
  });
});
