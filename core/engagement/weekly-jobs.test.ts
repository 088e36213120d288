import { describe, expect, it } from 'vitest';
import { expectOk, fixedClock, makeCommunity, makeMember, makeMentorship, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { systemActor } from '../access/actor.js';
import { adminSummaryJob, weeklyDigestJob } from '../jobs/engagement-jobs.js';
import { createScheduler } from '../jobs/scheduler.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { sendWeeklyDigest } from './send-weekly-digest.js';

const at = (iso: string) => new Date(iso);

async function proposedSession(db: Kysely<Database>, mentorshipId: number, proposedBy: number, status: 'PROPOSED' | 'COMPLETED', startsAt: string) {
  await db.insertInto('mentoring_sessions').values({ mentorship_id: mentorshipId, proposed_by: proposedBy, status, kind: 'VIDEO_CALL', starts_at: at(startsAt), duration_minutes: 60 }).execute();
}

describe('the weekly digest', () => {
  const database = useTestDatabase();

  it('goes once a week to active members with something waiting and reminders on', async () => {
    const { db } = database;
    const community: BuiltCommunity = await makeCommunity(db, { timezone: 'Europe/Berlin' });
    const member = () => makeMember(db, community);
    const [alice, bob, carol, dave, erin, frank, gina, hank] = [await member(), await member(), await member(), await member(), await member(), await member(), await member(), await member()];
    const suspended = await makeMember(db, community, { status: 'SUSPENDED' });
    // Alice received a request (the mentee sends by default); so did Gina, who turned reminders off, and a suspended member.
    await makeMentorship(db, community, { mentor: alice, mentee: bob, status: 'PENDING' });
    await makeMentorship(db, community, { mentor: gina, mentee: hank, status: 'PENDING' });
    await makeMentorship(db, community, { mentor: suspended, mentee: hank, status: 'PENDING' });
    await db.updateTable('members').set({ notification_preferences: JSON.stringify({ channels: { reminders: 'off' } }) }).where('id', '=', gina.id).execute();
    // Dave proposed a session Carol has not confirmed; an old proposal waits on nobody.
    const { id: carolAndDave } = await makeMentorship(db, community, { mentor: carol, mentee: dave });
    await proposedSession(db, carolAndDave, dave.id, 'PROPOSED', '2026-03-20T17:00:00Z');
    await proposedSession(db, carolAndDave, carol.id, 'PROPOSED', '2026-03-01T17:00:00Z');
    // Erin's task is overdue; Frank's side has none.
    const { id: erinAndFrank } = await makeMentorship(db, community, { mentor: frank, mentee: erin });
    await db.insertInto('tasks').values([
      { mentorship_id: erinAndFrank, title: 'Read the docs', assignee_role: 'MENTEE', due_date: '2026-03-01' },
      { mentorship_id: erinAndFrank, title: 'Not due yet', assignee_role: 'MENTOR', due_date: '2026-04-01' },
      { mentorship_id: erinAndFrank, title: 'Done late', assignee_role: 'MENTOR', due_date: '2026-03-01', done_at: at('2026-03-02T10:00:00Z') },
    ]).execute();
    const clock = fixedClock('2026-03-09T08:00:00Z');
    const scheduler = createScheduler({ db, clock, jobs: [weeklyDigestJob], replicaId: 'test' });
    const digests = async () =>
      (await db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', 'digest:%').where('community_id', '=', community.id).orderBy('dedupe_key').execute()).map((row) => ({
        key: row.dedupe_key,
        text: JSON.stringify(row.payload),
      }));

    const ofWeek = async (week: string) => (await digests()).filter((digest) => digest.key.endsWith(`:${week}`));
    // Monday 09:00 in Berlin (CET) is 08:00 UTC; a minute before, the first tick only catches up the Monday before.
    await scheduler.tick(at('2026-03-09T07:59:00Z'));
    expect(await ofWeek('2026-W11')).toEqual([]);
    await scheduler.tick(at('2026-03-09T08:00:00Z'));
    const first = await ofWeek('2026-W11');
    expect(first.map((digest) => digest.key)).toEqual([alice, carol, erin].map((who) => `digest:${who.id}:2026-W11`).sort());
    expect(first.find((digest) => digest.key.startsWith(`digest:${carol.id}:`))!.text).toContain('1 proposed session waits for your confirmation');
    expect(first.find((digest) => digest.key.startsWith(`digest:${erin.id}:`))!.text).toContain('1 task of yours is overdue');

    // Run again in the same week: nothing more.
    expect(expectOk(await sendWeeklyDigest({ db, clock }, systemActor, { communityId: community.id, asOf: at('2026-03-12T10:00:00Z') }))).toEqual({ sent: 0 });
    await scheduler.tick(at('2026-03-16T08:00:00Z'));
    expect(await ofWeek('2026-W11')).toHaveLength(3);
    expect(await ofWeek('2026-W12')).toHaveLength(3);
  });
});

describe('the weekly admin summary', () => {
  const database = useTestDatabase();

  it('gives each active admin and owner the last seven days in numbers, once', async () => {
    const { db } = database;
    const community = await makeCommunity(db, { timezone: 'Europe/Berlin' });
    const january = at('2026-01-05T10:00:00Z');
    const admin = await makeMember(db, community, { role: 'ADMIN', createdAt: january });
    const owner = await makeMember(db, community, { role: 'OWNER', createdAt: january });
    await makeMember(db, community, { role: 'ADMIN', status: 'SUSPENDED', createdAt: january });
    const [mentor, mentee, other] = [await makeMember(db, community, { createdAt: january }), await makeMember(db, community, { createdAt: january }), await makeMember(db, community, { createdAt: january })];
    // New this week: two members; one joined the week before.
    await makeMember(db, community, { createdAt: at('2026-03-05T10:00:00Z') });
    await makeMember(db, community, { createdAt: at('2026-03-09T08:00:00Z') });
    await makeMember(db, community, { createdAt: at('2026-02-27T10:00:00Z') });

    const mentorship = async (status: 'PENDING' | 'ACCEPTED' | 'COMPLETED', createdAt: string, acceptedAt: string | null, pair = { mentor, mentee }) => {
      const { id } = await makeMentorship(db, community, { ...pair, status });
      // created_at is not updatable through the typed schema; a test may move it back in time.
      await sql`update mentorships set created_at = ${at(createdAt)} where id = ${id}`.execute(db);
      if (acceptedAt) await db.updateTable('mentorships').set({ accepted_at: at(acceptedAt) }).where('id', '=', id).execute();
      return id;
    };
    const event = (mentorshipId: number, from: 'PENDING' | 'ACCEPTED', to: 'ACCEPTED' | 'COMPLETED', createdAt: string) =>
      db.insertInto('mentorship_events').values({ mentorship_id: mentorshipId, from_status: from, to_status: to, actor_kind: 'MEMBER', created_at: at(createdAt) }).execute();

    await mentorship('PENDING', '2026-03-04T10:00:00Z', null, { mentor: other, mentee });
    const startedThisWeek = await mentorship('ACCEPTED', '2026-03-03T10:00:00Z', '2026-03-05T10:00:00Z');
    await event(startedThisWeek, 'PENDING', 'ACCEPTED', '2026-03-05T10:00:00Z');
    // Quiet since it was accepted in February: the one silent pair.
    const quiet = await mentorship('ACCEPTED', '2026-02-01T10:00:00Z', '2026-02-02T10:00:00Z', { mentor: other, mentee: mentor });
    await event(quiet, 'PENDING', 'ACCEPTED', '2026-02-02T10:00:00Z');
    const completed = await mentorship('COMPLETED', '2026-01-02T10:00:00Z', '2026-01-03T10:00:00Z', { mentor: mentee, mentee: other });
    await event(completed, 'ACCEPTED', 'COMPLETED', '2026-03-07T22:59:00Z');
    await proposedSession(db, startedThisWeek, mentee.id, 'COMPLETED', '2026-03-06T17:00:00Z');
    await proposedSession(db, startedThisWeek, mentee.id, 'COMPLETED', '2026-02-20T17:00:00Z');
    await db.insertInto('reports').values([
      { community_id: community.id, reporter_id: mentee.id, reported_member_id: mentor.id, category: 'NO_SHOW', details_encrypted: 'sealed' },
      { community_id: community.id, reporter_id: mentee.id, reported_member_id: mentor.id, category: 'OTHER', details_encrypted: 'sealed', status: 'IN_REVIEW' },
      { community_id: community.id, reporter_id: mentee.id, reported_member_id: mentor.id, category: 'OTHER', details_encrypted: 'sealed', status: 'RESOLVED', resolved_at: at('2026-03-06T10:00:00Z') },
    ]).execute();

    const scheduler = createScheduler({ db, clock: fixedClock('2026-03-09T08:30:00Z'), jobs: [adminSummaryJob], replicaId: 'test' });
    // Monday 09:30 in Berlin (CET) is 08:30 UTC.
    await scheduler.tick(at('2026-03-09T08:30:00Z'));
    await createScheduler({ db, clock: fixedClock('2026-03-09T08:31:00Z'), jobs: [adminSummaryJob], replicaId: 'other' }).tick(at('2026-03-09T08:31:00Z'));
    const rows = await db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', 'admin-summary:%').where('community_id', '=', community.id).orderBy('dedupe_key').execute();
    expect(rows.map((row) => row.dedupe_key)).toEqual([admin, owner].map((who) => `admin-summary:${who.id}:2026-W11`).sort());
    const fields = (rows[0]!.payload as { message: { fields: { name: string; value: string[] }[] } }).message.fields;
    expect(Object.fromEntries(fields.map((field) => [field.name, field.value.join('')]))).toEqual({
      'New members': '2',
      'Requests sent': '2',
      'Requests accepted': '1',
      'Mentorships started': '1',
      'Mentorships completed': '1',
      'Sessions completed': '1',
      'Silent pairs': '1',
      'Open reports': '2',
    });
  });
});
