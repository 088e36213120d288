import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { testCipher } from '../../test/field-cipher.js';
import { startWebSession } from '../admin/web-sessions.js';
import { reportMember } from '../reports/create-report.js';
import { exportCommunityData } from './export-community-data.js';
import { uninstallCommunity } from './uninstall-community.js';

/** The owners' danger zone: taking the community's data away, and closing the program. */
describe('the danger zone', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  const deps = () => ({ db: database.db, clock });

  describe('export all data', () => {
    it('holds the community’s program data, and nothing private, sealed, or of another community', async () => {
      const community = await makeCommunity(database.db, { name: 'Exported', settings: { programName: 'Pairs' } });
      const other = await makeCommunity(database.db);
      const owner = await makeMember(database.db, community, { role: 'OWNER', displayName: 'Olive Owner' });
      const [mentor, mentee] = [await makeMember(database.db, community, { displayName: 'Mo Mentor' }), await makeMember(database.db, community, { displayName: 'Mia Mentee' })];
      const gone = await makeMember(database.db, community, { displayName: 'Gone Person' });
      await database.db.updateTable('members').set({ erased_at: clock.now(), display_name: 'Erased member' }).where('id', '=', gone.id).execute();
      await database.db.updateTable('members').set({ notification_preferences: JSON.stringify({ delivery: 'digest-secret-pref' }) }).where('id', '=', mentee.id).execute();
      await database.db.insertInto('member_blocks').values({ member_id: mentee.id, blocked_member_id: mentor.id }).execute();
      const { id } = await makeMentorship(database.db, community, { mentor, mentee, description: 'Learn Postgres indexes' });
      await database.db.insertInto('mentorship_events').values({ mentorship_id: id, to_status: 'PENDING', actor_kind: 'MEMBER', actor_member_id: mentee.id }).execute();
      const session = await database.db.insertInto('mentoring_sessions')
        .values({ mentorship_id: id, kind: 'VIDEO_CALL', starts_at: new Date('2026-03-02T18:00:00Z'), duration_minutes: 60, status: 'COMPLETED', agenda: 'Query plans', location: 'https://meet.example/secret-room', notes_encrypted: 'sealed-notes-value' })
        .returning('id').executeTakeFirstOrThrow();
      const goal = await database.db.insertInto('goals').values({ mentorship_id: id, title: 'Ship the index change' }).returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('tasks').values({ mentorship_id: id, goal_id: goal.id, title: 'Read EXPLAIN output', assignee_role: 'MENTEE' }).execute();
      await database.db.insertInto('feedback').values({ mentorship_id: id, session_id: session.id, author_id: mentee.id, subject_id: mentor.id, kind: 'SESSION', rating: 5, comment: 'Clear and kind' }).execute();
      expectOk(await reportMember({ ...deps(), cipher: testCipher }, actorFor(mentee), { memberId: mentor.id, values: { category: 'HARASSMENT', details: 'The words of the report itself.' } }));
      expectOk(await reportMember({ ...deps(), cipher: testCipher }, actorFor(mentor), { memberId: owner.id, values: { category: 'OTHER', details: 'A report about the owner.' } }));
      const [otherMentor, otherMentee] = [await makeMember(database.db, other, { displayName: 'Outsider One' }), await makeMember(database.db, other)];
      await makeMentorship(database.db, other, { mentor: otherMentor, mentee: otherMentee, description: 'Another community’s secret plan' });

      const { filename, data } = expectOk(await exportCommunityData(deps(), actorFor(owner)));
      expect(filename).toBe(`community-${community.id}-data-2026-03-04.json`);
      expect(data).toMatchObject({ format: 'mentorship-bot/community-data', version: 1, community: { id: community.id, name: 'Exported' }, settings: { programName: 'Pairs' } });
      const text = JSON.stringify(data);
      for (const wanted of ['Mo Mentor', 'Learn Postgres indexes', 'Query plans', 'Ship the index change', 'Read EXPLAIN output', 'Clear and kind', 'Backend']) expect(text).toContain(wanted);
      expect(data.members).toContainEqual({ id: gone.id, erased: true });
      expect((data.mentorships as { history: unknown[] }[])[0]!.history).toEqual([expect.objectContaining({ to: 'PENDING', by: 'MEMBER', actorMemberId: mentee.id })]);
      // Counts of reports only, without the one about the owner, as their list hides it.
      expect(data.reports).toEqual([{ status: 'OPEN', category: 'HARASSMENT', count: 1 }]);
      for (const unwanted of ['Gone Person', 'digest-secret-pref', 'secret-room', 'sealed-notes-value', 'words of the report', 'about the owner', 'Outsider One', 'secret plan', 'blocked']) {
        expect(text, unwanted).not.toContain(unwanted);
      }
      expect(text).not.toMatch(/encrypted|notification|location/i);
    });

    it('is for owners only', async () => {
      const community = await makeCommunity(database.db);
      const admin = await makeMember(database.db, community, { role: 'ADMIN' });
      expect(expectProblem(await exportCommunityData(deps(), actorFor(admin))).code).toBe('forbidden');
    });
  });

  describe('uninstall', () => {
    it('needs the community’s name typed exactly, and changes nothing otherwise', async () => {
      const community = await makeCommunity(database.db, { name: 'Rust Pairs' });
      const owner = await makeMember(database.db, community, { role: 'OWNER' });
      const empty = expectProblem(await uninstallCommunity(deps(), actorFor(owner), { confirmName: '  ' }));
      expect(empty).toMatchObject({ code: 'invalid-input', fields: [{ field: 'confirmName', message: 'Type the community’s name to confirm.' }] });
      const wrong = expectProblem(await uninstallCommunity(deps(), actorFor(owner), { confirmName: 'rust pairs' }));
      expect(wrong.fields).toEqual([{ field: 'confirmName', message: 'Type the community’s name exactly as shown: Rust Pairs' }]);
      const admin = await makeMember(database.db, community, { role: 'ADMIN' });
      expect(expectProblem(await uninstallCommunity(deps(), actorFor(admin), { confirmName: 'Rust Pairs' })).code).toBe('forbidden');
      expect((await database.db.selectFrom('communities').select('status').where('id', '=', community.id).executeTakeFirstOrThrow()).status).toBe('ACTIVE');
    });

    it('closes the program: inactive, mentorships ended and requests withdrawn with notices, rounds cancelled, sessions revoked, audited', async () => {
      const community = await makeCommunity(database.db, { name: 'Closing', settings: { programName: 'Closing Pairs' } });
      const elsewhere = await makeCommunity(database.db, { name: 'Still open' });
      const owner = await makeMember(database.db, community, { role: 'OWNER' });
      const busyAdmin = await makeMember(database.db, community, { role: 'ADMIN' });
      // The same person administers another community: their sessions serve that one and stay.
      await makeMember(database.db, elsewhere, { role: 'ADMIN', platformUserId: busyAdmin.platformUserId });
      const idleAdmin = await makeMember(database.db, community, { role: 'ADMIN' });
      const [mentor, mentee, asker, asked] = [await makeMember(database.db, community), await makeMember(database.db, community), await makeMember(database.db, community), await makeMember(database.db, community)];
      const running = await makeMentorship(database.db, community, { mentor, mentee, status: 'PAUSED' });
      const request = await makeMentorship(database.db, community, { mentor: asked, mentee: asker, status: 'PENDING' });
      const done = await makeMentorship(database.db, community, { mentor: asked, mentee: mentee, status: 'COMPLETED' });
      const round = await database.db.insertInto('matching_rounds').values({ community_id: community.id, scheduled_for: new Date('2026-03-09T10:00:00Z') }).returning('id').executeTakeFirstOrThrow();
      const session = (member: { platformUserId: string }) => startWebSession(database.db, { platform: community.platform, platformUserId: member.platformUserId }, clock.now());
      await Promise.all([session(owner), session(idleAdmin), session(busyAdmin)]);
      await database.db.insertInto('login_links').values({ member_id: idleAdmin.id, token_hash: `unused-${community.id}`, expires_at: new Date('2026-03-04T12:10:00Z') }).execute();

      const result = expectOk(await uninstallCommunity(deps(), actorFor(owner), { confirmName: ' Closing ' }));
      expect(result).toEqual({ endedMentorships: 1, withdrawnRequests: 1, cancelledRounds: 1, revokedSessions: 2, signedOut: true });

      expect(await database.db.selectFrom('communities').select(['status', 'uninstalled_at']).where('id', '=', community.id).executeTakeFirstOrThrow()).toEqual({ status: 'INACTIVE', uninstalled_at: clock.now() });
      // The Discord bot leaves the server, queued after every notice (and held back until they are out).
      const queued = await database.db.selectFrom('outbox').select(['kind', 'payload', 'dedupe_key']).where('community_id', '=', community.id).orderBy('id').execute();
      expect(queued.at(-1)).toEqual({ kind: 'community.leave', payload: {}, dedupe_key: `uninstall:${community.id}:leave:2026-03-04T12:00:00.000Z` });
      expect(queued.filter((row) => row.kind === 'community.leave')).toHaveLength(1);
      const statuses = await database.db.selectFrom('mentorships').select(['id', 'status']).where('community_id', '=', community.id).orderBy('id').execute();
      expect(statuses).toEqual([{ id: running.id, status: 'CANCELLED' }, { id: request.id, status: 'WITHDRAWN' }, { id: done.id, status: 'COMPLETED' }]);
      const events = await database.db.selectFrom('mentorship_events').select(['mentorship_id', 'actor_kind', 'actor_member_id']).where('mentorship_id', 'in', [running.id, request.id]).orderBy('mentorship_id').execute();
      expect(events).toEqual([{ mentorship_id: running.id, actor_kind: 'ADMIN', actor_member_id: owner.id }, { mentorship_id: request.id, actor_kind: 'ADMIN', actor_member_id: owner.id }]);
      const notices = await database.db.selectFrom('outbox').select(['kind', 'payload']).where('community_id', '=', community.id).where('kind', '=', 'dm').execute();
      const told = notices.map((row) => row.payload as { recipientMemberId: number; message: { body: string[] } });
      expect(told.map((notice) => notice.recipientMemberId).sort()).toEqual([mentor.id, mentee.id, asker.id, asked.id].sort());
      expect(told.every((notice) => notice.message.body.join('').startsWith('Closing Pairs has closed in this community'))).toBe(true);
      expect(await database.db.selectFrom('outbox').select('kind').where('community_id', '=', community.id).where('kind', '=', 'space.archive').execute()).toHaveLength(1);
      expect((await database.db.selectFrom('matching_rounds').select('status').where('id', '=', round.id).executeTakeFirstOrThrow()).status).toBe('CANCELLED');
      const live = await database.db.selectFrom('web_sessions').select('platform_user_id').where('revoked_at', 'is', null).where('platform_user_id', 'in', [owner.platformUserId, idleAdmin.platformUserId, busyAdmin.platformUserId]).execute();
      expect(live.map((row) => row.platform_user_id)).toEqual([busyAdmin.platformUserId]);
      expect((await database.db.selectFrom('login_links').select('expires_at').where('member_id', '=', idleAdmin.id).executeTakeFirstOrThrow()).expires_at).toEqual(clock.now());
      const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_member_id', 'details']).where('community_id', '=', community.id).execute();
      expect(audit).toEqual([{ action: 'community.uninstalled', actor_member_id: owner.id, details: result }]);

      // Once closed, a second try says so and changes nothing.
      expect(expectProblem(await uninstallCommunity(deps(), actorFor(owner), { confirmName: 'Closing' })).code).toBe('already-done');
      expect((await database.db.selectFrom('communities').select('status').where('id', '=', elsewhere.id).executeTakeFirstOrThrow()).status).toBe('ACTIVE');
    });
  });
});
