import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../core/store/database.js';
import { useTestDatabase } from '../../test/database.js';
import { migrateDown, migrateToLatest, migrationStatus } from './migrator.js';
import { migrations } from '../../migrations/index.js';

/**
 * Every column of every table, as the TypeScript types declare them. The mapped
 * type makes the compiler demand each declared column here; the test then
 * demands the database has exactly these.
 */
const declaredColumns: { [T in keyof Database]: Record<keyof Database[T], true> } = {
  communities: { id: true, platform: true, external_id: true, name: true, timezone: true, status: true, settings: true, settings_version: true, uninstalled_at: true, created_at: true, updated_at: true },
  members: {
    id: true, community_id: true, platform_user_id: true, display_name: true, role: true, status: true, onboarding_step: true, onboarded_at: true,
    bio: true, job_title: true, years_experience: true, mentorship_role: true, mentorship_types: true, timezone: true, availability: true,
    mentee_capacity: true, not_taking_mentees_until: true, notification_preferences: true, code_of_conduct_accepted_at: true, status_reason: true,
    joined_at: true, left_at: true, erased_at: true, created_at: true, updated_at: true,
  },
  member_blocks: { member_id: true, blocked_member_id: true, created_at: true },
  skills: { id: true, community_id: true, name: true, slug: true, category: true, archived_at: true, created_at: true },
  member_skills: { member_id: true, skill_id: true, direction: true, level: true },
  mentorships: {
    id: true, community_id: true, mentor_id: true, mentee_id: true, sender_id: true, receiver_id: true, status: true, description: true,
    end_date: true, expires_at: true, paused_until: true, accepted_at: true, ended_at: true, space_id: true, message_count: true,
    last_activity_at: true, matching_round_id: true, extension_end_date: true, extension_proposed_by: true, created_at: true, updated_at: true,
  },
  mentorship_events: { id: true, mentorship_id: true, from_status: true, to_status: true, actor_kind: true, actor_member_id: true, reason: true, created_at: true },
  mentoring_sessions: {
    id: true, mentorship_id: true, proposed_by: true, status: true, kind: true, starts_at: true, duration_minutes: true, agenda: true, location: true,
    notes_encrypted: true, calendar_sequence: true, change_reason: true, reminded_day_before_at: true, reminded_hour_before_at: true, created_at: true, updated_at: true,
  },
  goals: { id: true, mentorship_id: true, title: true, description: true, due_date: true, status: true, created_by: true, completed_at: true, created_at: true },
  tasks: { id: true, mentorship_id: true, goal_id: true, title: true, assignee_role: true, priority: true, due_date: true, done_at: true, created_by: true, created_at: true },
  feedback: {
    id: true, mentorship_id: true, session_id: true, author_id: true, subject_id: true, kind: true, rating: true, comment: true, went_well: true,
    testimonial: true, testimonial_public: true, created_at: true,
  },
  reports: {
    id: true, community_id: true, reporter_id: true, reported_member_id: true, mentorship_id: true, category: true, details_encrypted: true, status: true,
    assigned_admin_id: true, admin_notes_encrypted: true, resolution_message: true, created_at: true, resolved_at: true,
  },
  matching_rounds: { id: true, community_id: true, status: true, scheduled_for: true, started_by: true, total_score: true, stats: true, created_at: true, completed_at: true },
  matching_round_skips: { round_id: true, member_id: true, created_at: true },
  suggestions: {
    id: true, community_id: true, mentor_id: true, mentee_id: true, matching_round_id: true, score: true, reasons: true, status: true, declined_by: true,
    created_at: true, responded_at: true,
  },
  outbox: {
    id: true, community_id: true, kind: true, payload: true, dedupe_key: true, status: true, due_at: true, attempts: true, last_error: true, locked_by: true,
    locked_until: true, created_at: true, sent_at: true,
  },
  job_runs: { job: true, slot: true, claimed_by: true, claimed_at: true, finished_at: true, error: true },
  audit_log: { id: true, community_id: true, actor_member_id: true, action: true, target_type: true, target_id: true, details: true, created_at: true },
  login_links: { id: true, member_id: true, token_hash: true, expires_at: true, used_at: true, created_at: true },
  web_sessions: { token_hash: true, platform: true, platform_user_id: true, created_at: true, last_seen_at: true, expires_at: true, revoked_at: true },
  slack_installations: {
    id: true, team_id: true, enterprise_id: true, bot_user_id: true, bot_token_encrypted: true, installer_user_id: true, scopes: true,
    installation_encrypted: true, installed_at: true, revoked_at: true,
  },
};

describe('schema', () => {
  const database = useTestDatabase();

  it('has exactly the tables and columns the types declare', async () => {
    const tables = await database.db.introspection.getTables();
    const actual = Object.fromEntries(
      tables.filter((table) => !table.name.startsWith('kysely_')).map((table) => [table.name, table.columns.map((column) => column.name).sort()]),
    );
    const expected = Object.fromEntries(Object.entries(declaredColumns).map(([table, columns]) => [table, Object.keys(columns).sort()]));
    expect(actual).toEqual(expected);
  });

  it('enforces the invariants in the database', async () => {
    const { db } = database;
    const community = await db.insertInto('communities').values({ platform: 'discord', external_id: 'schema-guild', name: 'Schema' }).returning('id').executeTakeFirstOrThrow();
    const member = (name: string) =>
      db.insertInto('members').values({ community_id: community.id, platform_user_id: name, display_name: name }).returning('id').executeTakeFirstOrThrow();
    const ada = await member('ada');
    const grace = await member('grace');
    const request = (mentor: number, mentee: number) =>
      db.insertInto('mentorships')
        .values({ community_id: community.id, mentor_id: mentor, mentee_id: mentee, sender_id: mentee, receiver_id: mentor, description: 'Help me learn Postgres indexes', end_date: '2027-03-01' })
        .returning(['id', 'end_date'])
        .executeTakeFirstOrThrow();

    const first = await request(ada.id, grace.id);
    expect(first.end_date).toBe('2027-03-01');
    // A second open mentorship between the same two members, in either direction.
    await expect(request(ada.id, grace.id)).rejects.toThrow(/mentorships_open_pair_idx/);
    await expect(request(grace.id, ada.id)).rejects.toThrow(/mentorships_open_pair_idx/);
    // Once the first is closed, they may start again.
    await db.updateTable('mentorships').set({ status: 'COMPLETED' }).where('id', '=', first.id).execute();
    await expect(request(grace.id, ada.id)).resolves.toBeDefined();

    await expect(request(ada.id, ada.id)).rejects.toThrow(/check/);
    await expect(
      db.updateTable('mentorships').set({ status: 'ARCHIVED' as never }).where('id', '=', first.id).execute(),
    ).rejects.toThrow(/mentorships_status_check/);
    await expect(
      db.insertInto('members').values({ community_id: community.id, platform_user_id: 'x', display_name: 'x', role: 'KING' as never }).execute(),
    ).rejects.toThrow(/members_role_check/);
    await expect(
      db.insertInto('members').values({ community_id: community.id, platform_user_id: 'ada', display_name: 'again' }).execute(),
    ).rejects.toThrow(/unique/);
    await expect(
      db.insertInto('feedback').values({ mentorship_id: first.id, author_id: ada.id, subject_id: grace.id, kind: 'FINAL', rating: 6 }).execute(),
    ).rejects.toThrow(/feedback_rating_check/);
    await expect(
      db.insertInto('member_skills').values({ member_id: ada.id, skill_id: 999_999, direction: 'OFFER', level: 3 }).execute(),
    ).rejects.toThrow(/foreign key/);

    await db.insertInto('outbox').values({ kind: 'dm', payload: '{}', dedupe_key: 'same' }).execute();
    await expect(db.insertInto('outbox').values({ kind: 'dm', payload: '{}', dedupe_key: 'same' }).execute()).rejects.toThrow(/unique/);
  });

  it('keeps anonymous history when a member is deleted', async () => {
    const { db } = database;
    const community = await db.insertInto('communities').values({ platform: 'slack', external_id: 'T-history', name: 'History' }).returning('id').executeTakeFirstOrThrow();
    const [mentor, mentee] = await db.insertInto('members')
      .values([{ community_id: community.id, platform_user_id: 'U1', display_name: 'One' }, { community_id: community.id, platform_user_id: 'U2', display_name: 'Two' }])
      .returning('id').execute();
    const mentorship = await db.insertInto('mentorships')
      .values({ community_id: community.id, mentor_id: mentor!.id, mentee_id: mentee!.id, sender_id: mentor!.id, receiver_id: mentee!.id, description: 'Career growth in platform engineering', end_date: '2027-01-31', status: 'COMPLETED' })
      .returning('id').executeTakeFirstOrThrow();
    await db.deleteFrom('members').where('id', '=', mentee!.id).execute();
    const row = await db.selectFrom('mentorships').select(['mentor_id', 'mentee_id', 'status']).where('id', '=', mentorship.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ mentor_id: mentor!.id, mentee_id: null, status: 'COMPLETED' });
  });

  it('0010 records owners’ uninstalls: from the audit log for communities closed before it, and only on INACTIVE ones', async () => {
    const { db } = database;
    expect(await migrateDown(db)).toEqual(['0010_add_community_uninstalled_at']);
    const communityColumns = async () => (await db.introspection.getTables()).find((table) => table.name === 'communities')?.columns.map((column) => column.name);
    expect(await communityColumns()).not.toContain('uninstalled_at');
    const community = (name: string, status: 'ACTIVE' | 'INACTIVE') =>
      sql<{ id: number }>`insert into communities (platform, external_id, name, status) values ('discord', ${`g-${name}`}, ${name}, ${status}) returning id`.execute(db).then((result) => result.rows[0]!.id);
    const closed = await community('closed-by-owner', 'INACTIVE');
    const revoked = await community('lost-access', 'INACTIVE');
    const reopened = await community('reopened', 'ACTIVE');
    for (const [id, at] of [[closed, '2026-02-01T10:00:00Z'], [closed, '2026-02-03T10:00:00Z'], [reopened, '2026-02-02T10:00:00Z']] as const) {
      await sql`insert into audit_log (community_id, action, created_at) values (${id}, 'community.uninstalled', ${at})`.execute(db);
    }

    expect(await migrateToLatest(db)).toEqual(['0010_add_community_uninstalled_at']);
    expect(await communityColumns()).toContain('uninstalled_at');
    const rows = await db.selectFrom('communities').select(['id', 'uninstalled_at']).where('id', 'in', [closed, revoked, reopened]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: closed, uninstalled_at: new Date('2026-02-03T10:00:00Z') },
      { id: revoked, uninstalled_at: null },
      { id: reopened, uninstalled_at: null },
    ]);
    await expect(db.updateTable('communities').set({ status: 'ACTIVE' }).where('id', '=', closed).execute()).rejects.toThrow(/communities_uninstalled_inactive/);
  });

  it('migrates all the way down and up again', async () => {
    const { db } = database;
    const count = Object.keys(migrations).length;
    for (let step = 0; step < count; step++) await migrateDown(db);
    const afterDown = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db);
    expect(afterDown.rows[0]?.n).toBe(0);
    expect((await migrationStatus(db)).every((row) => row.appliedAt === null)).toBe(true);
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
  });
});
