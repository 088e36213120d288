import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { CorruptDataError } from '../errors.js';
import { communitySettingsSchema, defaultSettings, parseStoredSettings, upgradeStoredSettings } from './settings.js';
import { updateSettings } from './update-settings.js';
import { viewSettings } from './view-settings.js';

describe('community settings', () => {
  it('reads {} as all the defaults', () => {
    expect(parseStoredSettings({}, 1)).toEqual(defaultSettings);
    expect(defaultSettings).toMatchObject({
      mentorshipLength: { defaultWeeks: 12, minWeeks: 4, maxWeeks: 24 },
      requestExpiryDays: 7,
      requestsNeedAdminApproval: false,
      newMembersNeedAdminApproval: false,
      codeOfConduct: { text: '', required: false },
      leftMemberRetentionDays: 90,
      slack: { pairSpace: 'private-channel' },
      reminders: { sessionHoursBefore: [24, 1], goalDueDaysBefore: [3, 1] },
    });
  });

  it('fills the defaults around what is stored', () => {
    const settings = parseStoredSettings({ mentorshipLength: { defaultWeeks: 8 }, branding: { colour: '#112233' } }, 1);
    expect(settings.mentorshipLength).toEqual({ defaultWeeks: 8, minWeeks: 4, maxWeeks: 24 });
    expect(settings.branding).toEqual({ name: null, colour: '#112233', logoUrl: null });
  });

  it('refuses invalid documents, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ mentorshipLength: { defaultWeeks: 30 } }, 'mentorshipLength.defaultWeeks'],
      [{ requestExpiryDays: 0 }, 'requestExpiryDays'],
      [{ codeOfConduct: { required: true } }, 'codeOfConduct.text'],
      [{ branding: { logoUrl: 'http://example.com/logo.png' } }, 'branding.logoUrl'],
      [{ branding: { colour: 'blue' } }, 'branding.colour'],
      [{ defaultQuietHours: { start: '22:00', end: '22:00' } }, 'defaultQuietHours.end'],
      [{ openRelations: { perMentor: 0 } }, 'openRelations.perMentor'],
      [{ slack: { pairSpace: 'thread' } }, 'slack.pairSpace'],
      [{ reminders: { sessionHoursBefore: [] } }, 'reminders.sessionHoursBefore'],
      [{ reminders: { sessionHoursBefore: [48, 24, 2, 1] } }, 'reminders.sessionHoursBefore'],
      [{ reminders: { sessionHoursBefore: [24, 24] } }, 'reminders.sessionHoursBefore'],
      [{ reminders: { sessionHoursBefore: [169] } }, 'reminders.sessionHoursBefore.0'],
      [{ reminders: { sessionHoursBefore: [24, 0] } }, 'reminders.sessionHoursBefore.1'],
      [{ reminders: { sessionHoursBefore: [1.5] } }, 'reminders.sessionHoursBefore.0'],
      [{ reminders: { goalDueDaysBefore: 2 } }, 'reminders.goalDueDaysBefore'],
      [{ reminders: { goalDueDaysBefore: [15, 1] } }, 'reminders.goalDueDaysBefore.0'],
      [{ reminders: { goalDueDaysBefore: [0] } }, 'reminders.goalDueDaysBefore.0'],
      [{ reminders: { goalDueDaysBefore: [7, 3, 2, 1] } }, 'reminders.goalDueDaysBefore'],
    ];
    for (const [document, field] of cases) {
      const parsed = communitySettingsSchema.safeParse(document);
      expect(parsed.success, JSON.stringify(document)).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
    }
  });

  it('says plainly what to fix in the reminder times', () => {
    const messages = (reminders: Record<string, unknown>) => communitySettingsSchema.safeParse({ reminders }).error?.issues.map((issue) => issue.message);
    expect(messages({ sessionHoursBefore: [] })).toEqual(['Keep at least one reminder before a session; members who want none can turn reminders off for themselves.']);
    expect(messages({ sessionHoursBefore: [200, 24] })).toEqual(['Remind at most 168 hours (a week) before a session.']);
    expect(messages({ sessionHoursBefore: [24, 1, 1] })).toEqual(['List each reminder time once.']);
    expect(messages({ sessionHoursBefore: [72, 48, 24, 1] })).toEqual(['Choose at most three reminders before a session.']);
    expect(messages({ goalDueDaysBefore: [21] })).toEqual(['Remind at most 14 days before a due date.']);
    expect(messages({ goalDueDaysBefore: [0] })).toEqual(['Remind at least 1 day before a due date.']);
    expect(communitySettingsSchema.parse({ reminders: { sessionHoursBefore: [1, 168, 12], goalDueDaysBefore: [14] } }).reminders).toMatchObject({ sessionHoursBefore: [1, 168, 12], goalDueDaysBefore: [14] });
  });

  it('refuses a document from a newer version', () => {
    expect(() => parseStoredSettings({}, 3)).toThrow(CorruptDataError);
    expect(() => parseStoredSettings({ requestExpiryDays: -1 }, 2)).toThrow(CorruptDataError);
  });

  it('reads version 1, whose reminder times were never used, keeping what fits and defaulting the rest', () => {
    expect(parseStoredSettings({ reminders: { goalDueDaysBefore: 2, sessionHoursBefore: [48, 48, 2] } }, 1).reminders).toMatchObject({ goalDueDaysBefore: [2], sessionHoursBefore: [48, 2] });
    expect(parseStoredSettings({ reminders: { goalDueDaysBefore: 0, sessionHoursBefore: [] } }, 1).reminders).toMatchObject({ goalDueDaysBefore: [3, 1], sessionHoursBefore: [24, 1] });
    expect(parseStoredSettings({ reminders: { goalDueDaysBefore: 30, silentPairDays: 21 } }, 1).reminders).toEqual({ goalDueDaysBefore: [3, 1], sessionHoursBefore: [24, 1], silentPairDays: 21 });
    expect(upgradeStoredSettings({ programName: 'Pairs' }, 1)).toEqual({ programName: 'Pairs' });
  });
});

describe('updating settings', () => {
  const database = useTestDatabase();
  const deps = () => ({ db: database.db, clock: fixedClock('2026-02-01T09:00:00Z') });

  it('merges the changes, validates the whole result, and stores only what was set', async () => {
    const community = await makeCommunity(database.db, { settings: { codeOfConduct: { text: 'Be kind.' } } });
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));

    const updated = await updateSettings(deps(), owner, { codeOfConduct: { required: true }, requestExpiryDays: 10 });
    expect(updated.ok && updated.value.codeOfConduct).toEqual({ text: 'Be kind.', required: true });
    const stored = await database.db.selectFrom('communities').select(['settings', 'settings_version']).where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ settings: { codeOfConduct: { text: 'Be kind.', required: true }, requestExpiryDays: 10 }, settings_version: 2 });

    const viewed = await viewSettings(deps(), owner);
    expect(viewed.ok && viewed.value.requestExpiryDays).toBe(10);
  });

  it('saves an older document in the current version, upgraded, with the change merged in', async () => {
    const community = await makeCommunity(database.db, { settings: { reminders: { goalDueDaysBefore: 5, silentPairDays: 21 } } });
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
    const updated = await updateSettings(deps(), owner, { programName: 'Pairs', reminders: { sessionHoursBefore: [48, 2] } });
    expect(updated.ok && updated.value.reminders).toEqual({ sessionHoursBefore: [48, 2], silentPairDays: 21, goalDueDaysBefore: [5] });
    const stored = await database.db.selectFrom('communities').select(['settings', 'settings_version']).where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ settings: { programName: 'Pairs', reminders: { goalDueDaysBefore: [5], silentPairDays: 21, sessionHoursBefore: [48, 2] } }, settings_version: 2 });

    const refused = await updateSettings(deps(), owner, { reminders: { sessionHoursBefore: [0, 24] } });
    expect(refused.ok ? [] : refused.problem.fields).toEqual([{ field: 'reminders.sessionHoursBefore.0', message: 'Remind at least 1 hour before a session.' }]);
  });

  it('saves nothing when the result is invalid or a key is unknown', async () => {
    const community = await makeCommunity(database.db);
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));

    const invalid = await updateSettings(deps(), owner, { mentorshipLength: { minWeeks: 20, defaultWeeks: 12 }, programName: 'Valid name' });
    expect(invalid.ok).toBe(false);
    expect(invalid.ok ? [] : invalid.problem.fields).toEqual([{ field: 'mentorshipLength.defaultWeeks', message: expect.stringMatching(/between the shortest and the longest/) }]);

    const unknown = await updateSettings(deps(), owner, { colour: '#fff' });
    expect(unknown.ok ? [] : unknown.problem.fields).toEqual([{ field: 'colour', message: 'There is no such setting.' }]);

    const stored = await database.db.selectFrom('communities').select('settings').where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(stored.settings).toEqual({});
  });

  it('keeps the Slack pair space as chosen, storing only that', async () => {
    const community = await makeCommunity(database.db, { platform: 'slack' });
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
    const updated = await updateSettings(deps(), owner, { slack: { pairSpace: 'group-dm' } });
    expect(updated.ok && updated.value.slack).toEqual({ pairSpace: 'group-dm' });
    const stored = await database.db.selectFrom('communities').select('settings').where('id', '=', community.id).executeTakeFirstOrThrow();
    expect(stored.settings).toEqual({ slack: { pairSpace: 'group-dm' } });
    const refused = await updateSettings(deps(), owner, { slack: { pairSpace: 'shared-channel' } });
    expect(refused.ok ? [] : refused.problem.fields?.map((field) => field.field)).toEqual(['slack.pairSpace']);
  });

  it('is for owners only', async () => {
    const community = await makeCommunity(database.db);
    const admin = actorFor(await makeMember(database.db, community, { role: 'ADMIN' }));
    const outcome = await updateSettings(deps(), admin, { programName: 'Mine now' });
    expect(outcome.ok ? null : outcome.problem.code).toBe('forbidden');
  });
});
