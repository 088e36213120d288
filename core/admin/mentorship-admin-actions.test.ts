import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { MentorshipStatus } from '../store/database.js';
import { adminCompleteMentorship } from './complete-mentorship.js';
import { adminExtendMentorship } from './extend-mentorship.js';

/** An admin completing or extending a mentorship from the admin site, against the real database. */
describe('admin actions on a mentorship', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  async function setup(status: MentorshipStatus, endDate = '2026-06-30', community?: BuiltCommunity) {
    const where = community ?? (await makeCommunity(database.db));
    const admin = await makeMember(database.db, where, { role: 'ADMIN' });
    const [mentor, mentee] = [await makeMember(database.db, where), await makeMember(database.db, where)];
    const { id } = await makeMentorship(database.db, where, { mentor, mentee, status, endDate });
    return { community: where, admin, mentor, mentee, id };
  }
  const row = (id: number) =>
    database.db.selectFrom('mentorships').select(['status', 'end_date', 'ended_at', 'paused_until', 'extension_end_date']).where('id', '=', id).executeTakeFirstOrThrow();
  const audit = (communityId: number, action: string) =>
    database.db.selectFrom('audit_log').select(['actor_member_id', 'target_id', 'details']).where('community_id', '=', communityId).where('action', '=', action).execute();
  const outbox = (id: number) =>
    database.db.selectFrom('outbox').select(['kind', 'payload']).where('dedupe_key', 'like', `mentorship:${id}:%`).orderBy('id').execute();

  describe('complete', () => {
    it('completes a running mentorship: history says an admin did, both members are told, the space closes, audited with the note', async () => {
      const { community, admin, mentor, mentee, id } = await setup('ACCEPTED');
      const done = expectOk(await adminCompleteMentorship(deps(), actorFor(admin), { mentorshipId: id, note: 'They finished their project early' }));
      expect(done.status).toBe('COMPLETED');
      expect(await row(id)).toMatchObject({ status: 'COMPLETED', ended_at: clock.now() });
      const event = await database.db.selectFrom('mentorship_events').select(['from_status', 'to_status', 'actor_kind', 'actor_member_id', 'reason']).where('mentorship_id', '=', id).executeTakeFirstOrThrow();
      expect(event).toEqual({ from_status: 'ACCEPTED', to_status: 'COMPLETED', actor_kind: 'ADMIN', actor_member_id: admin.id, reason: 'completed by an admin' });
      const effects = await outbox(id);
      expect(effects.map((effect) => effect.kind).sort()).toEqual(['dm', 'dm', 'space.archive', 'space.post']);
      const recipients = effects.filter((effect) => effect.kind === 'dm').map((effect) => (effect.payload as { recipientMemberId: number }).recipientMemberId).sort();
      expect(recipients).toEqual([mentor.id, mentee.id].sort());
      expect(JSON.stringify(effects)).toContain('marked your mentorship');
      expect(JSON.stringify(effects)).not.toContain('finished their project early');
      expect(await audit(community.id, 'mentorship.completed')).toEqual([{ actor_member_id: admin.id, target_id: String(id), details: { note: 'They finished their project early' } }]);
    });

    it('completes a paused one too, clearing its pause', async () => {
      const { admin, id } = await setup('PAUSED');
      await database.db.updateTable('mentorships').set({ paused_until: '2026-04-01' }).where('id', '=', id).execute();
      expectOk(await adminCompleteMentorship(deps(), actorFor(admin), { mentorshipId: id }));
      expect(await row(id)).toMatchObject({ status: 'COMPLETED', paused_until: null });
    });

    it('refuses what the state machine does not allow, a note too long, members, and another community’s mentorship', async () => {
      const { admin, id } = await setup('CANCELLED');
      expect(expectProblem(await adminCompleteMentorship(deps(), actorFor(admin), { mentorshipId: id })).code).toBe('wrong-state');
      const completed = await setup('COMPLETED');
      expect(expectProblem(await adminCompleteMentorship(deps(), actorFor(completed.admin), { mentorshipId: completed.id })).code).toBe('already-done');

      const running = await setup('ACCEPTED');
      const tooLong = expectProblem(await adminCompleteMentorship(deps(), actorFor(running.admin), { mentorshipId: running.id, note: 'x'.repeat(501) }));
      expect(tooLong).toMatchObject({ code: 'invalid-input', fields: [{ field: 'note', message: 'Keep the note under 500 characters.' }] });
      expect(expectProblem(await adminCompleteMentorship(deps(), actorFor(running.mentor), { mentorshipId: running.id })).code).toBe('forbidden');
      const elsewhere = await setup('ACCEPTED');
      expect(expectProblem(await adminCompleteMentorship(deps(), actorFor(running.admin), { mentorshipId: elsewhere.id })).code).toBe('not-found');
      expect((await row(running.id)).status).toBe('ACCEPTED');
      expect((await row(elsewhere.id)).status).toBe('ACCEPTED');
    });
  });

  describe('extend', () => {
    it('moves the end date at once, clears a proposal the pair had open, tells the space, audited with both dates', async () => {
      const { community, admin, mentee, id } = await setup('ACCEPTED');
      await database.db.updateTable('mentorships').set({ extension_end_date: '2026-07-01', extension_proposed_by: mentee.id }).where('id', '=', id).execute();
      const done = expectOk(await adminExtendMentorship(deps(), actorFor(admin), { mentorshipId: id, endDate: '2026-08-01' }));
      expect(done.status).toBe('ACCEPTED');
      expect(await row(id)).toMatchObject({ status: 'ACCEPTED', end_date: '2026-08-01', extension_end_date: null });
      const effects = await outbox(id);
      expect(effects.map((effect) => effect.kind)).toEqual(['space.post']);
      expect(JSON.stringify(effects[0]!.payload)).toContain('An admin extended this mentorship');
      expect(await audit(community.id, 'mentorship.extended')).toEqual([{ actor_member_id: admin.id, target_id: String(id), details: { from: '2026-06-30', to: '2026-08-01' } }]);
    });

    it('needs a date after today and after the current end, within the community’s longest mentorship', async () => {
      // The default longest mentorship is 24 weeks: from 2026-03-04, up to 2026-08-19.
      const { admin, id } = await setup('PAUSED', '2026-05-01');
      const problem = async (endDate: string) => expectProblem(await adminExtendMentorship(deps(), actorFor(admin), { mentorshipId: id, endDate }));
      expect(await problem('1 May')).toMatchObject({ code: 'invalid-input', fields: [{ field: 'endDate', message: 'Give the date as YYYY-MM-DD, e.g. 2026-09-01.' }] });
      expect(await problem('2026-05-01')).toMatchObject({ code: 'invalid-input', fields: [{ field: 'endDate', message: expect.stringContaining('after 2026-05-01 (the current end date)') }] });
      expect((await problem('2026-08-20')).fields?.[0]?.message).toContain('no later than 2026-08-19');
      expect((await row(id)).end_date).toBe('2026-05-01');
      expectOk(await adminExtendMentorship(deps(), actorFor(admin), { mentorshipId: id, endDate: '2026-08-19' }));
      expect(await row(id)).toMatchObject({ status: 'PAUSED', end_date: '2026-08-19' });

      // An end date already past: the new one must still be after today.
      const late = await setup('ACCEPTED', '2026-03-01');
      const past = expectProblem(await adminExtendMentorship(deps(), actorFor(late.admin), { mentorshipId: late.id, endDate: '2026-03-03' }));
      expect(past.fields?.[0]?.message).toContain('after 2026-03-04 (today)');
    });

    it('refuses an ended mentorship before judging the date, members, and another community’s mentorship', async () => {
      const { admin, mentor, id } = await setup('COMPLETED');
      expect(expectProblem(await adminExtendMentorship(deps(), actorFor(admin), { mentorshipId: id, endDate: '2026-01-01' })).code).toBe('wrong-state');
      const running = await setup('ACCEPTED');
      expect(expectProblem(await adminExtendMentorship(deps(), actorFor(mentor), { mentorshipId: running.id, endDate: '2026-08-01' })).code).toBe('forbidden');
      expect(expectProblem(await adminExtendMentorship(deps(), actorFor(admin), { mentorshipId: running.id, endDate: '2026-08-01' })).code).toBe('not-found');
      expect((await row(running.id)).end_date).toBe('2026-06-30');
    });
  });
});
