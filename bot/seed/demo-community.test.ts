import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/database.js';
import { testCipher } from '../../test/field-cipher.js';
import { detailsContext } from '../../core/reports/report.js';
import { seedDemoCommunity } from './demo-community.js';
import { generateSyntheticCommunity } from './synthetic-community.js';

const counted = ['skills', 'members', 'member_skills', 'mentorships', 'mentorship_events', 'mentoring_sessions', 'goals', 'tasks', 'feedback', 'suggestions', 'matching_rounds', 'reports', 'audit_log'] as const;

describe('npm run seed', () => {
  const database = useTestDatabase();

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of counted) {
      const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
      result[table] = row.rows[0]!.n;
    }
    return result;
  }

  it('creates the demo community once and changes nothing the second time', async () => {
    const first = await seedDemoCommunity(database.db, testCipher);
    expect(first.created).toBe(true);
    const afterFirst = await counts();
    const second = await seedDemoCommunity(database.db, testCipher);
    expect(second).toEqual({ created: false, communityId: first.communityId });
    expect(await counts()).toEqual(afterFirst);
    expect(afterFirst.skills).toBe(10);
    expect(afterFirst.members).toBe(10);
  });

  it('covers every role, member status, mentorship status and suggestion status', async () => {
    const { db } = database;
    await seedDemoCommunity(db, testCipher);
    const members = await db.selectFrom('members').select(['role', 'status']).execute();
    expect(new Set(members.map((member) => member.role))).toEqual(new Set(['REGULAR', 'ADMIN', 'OWNER']));
    expect(new Set(members.map((member) => member.status))).toEqual(new Set(['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'LEFT']));
    const mentorships = await db.selectFrom('mentorships').select('status').execute();
    expect(new Set(mentorships.map((row) => row.status))).toEqual(
      new Set(['PENDING', 'AWAITING_APPROVAL', 'ACCEPTED', 'PAUSED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'CANCELLED', 'COMPLETED']),
    );
    const suggestions = await db.selectFrom('suggestions').select('status').execute();
    expect(new Set(suggestions.map((row) => row.status))).toEqual(new Set(['PENDING', 'ACCEPTED', 'DECLINED']));
    // Each mentorship's history ends in its current status.
    const lastEvents = await db.selectFrom('mentorships as m')
      .select(['m.status', (eb) => eb.selectFrom('mentorship_events as e').select('e.to_status').whereRef('e.mentorship_id', '=', 'm.id').orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(1).as('last')])
      .execute();
    for (const row of lastEvents) expect(row.last).toBe(row.status);
    const sessions = await db.selectFrom('mentoring_sessions').select('status').execute();
    expect(new Set(sessions.map((row) => row.status))).toEqual(new Set(['PROPOSED', 'CONFIRMED', 'COMPLETED', 'MISSED']));
  });

  it('generates a large synthetic community with skills for everyone', async () => {
    const { db } = database;
    const communityId = await generateSyntheticCommunity(db, { members: 2_500, seed: 7 });
    const stats = await db.selectFrom('members')
      .select([(eb) => eb.fn.countAll<number>().as('members')])
      .where('community_id', '=', communityId).executeTakeFirstOrThrow();
    expect(stats.members).toBe(2_500);
    const withoutSkills = await db.selectFrom('members').select('id')
      .where('community_id', '=', communityId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('member_skills').select('member_id').whereRef('member_skills.member_id', '=', 'members.id'))))
      .execute();
    expect(withoutSkills).toEqual([]);
  });

  it('seals the demo report so the admin site can open it with the app key', async () => {
    const { db } = database;
    await seedDemoCommunity(db, testCipher);
    const report = await db.selectFrom('reports').select(['id', 'details_encrypted']).executeTakeFirstOrThrow();
    expect(report.details_encrypted).not.toContain('Missed');
    expect(testCipher.open(report.details_encrypted, detailsContext(report.id))).toBe('Missed three sessions in a row without a message.');
  });
});
