import { z } from 'zod';
import { CorruptDataError } from '../errors.js';
import { matchingSettings } from '../matching/matching-settings.js';
import { quietHours } from '../shared/time-of-day.js';

/**
 * One to three distinct whole numbers of hours or days before a moment, each
 * from 1 to `max`, in any order: the times a reminder goes out. Never empty:
 * a member who wants none turns reminders off for themselves.
 */
function reminderTimes(options: { unit: 'hour' | 'day'; max: number; maxText: string; moment: string; defaults: number[] }) {
  const { unit, max, maxText, moment, defaults } = options;
  return z
    .array(z.int({ error: `Give whole ${unit}s.` }).min(1, `Remind at least 1 ${unit} before ${moment}.`).max(max, `Remind at most ${maxText} before ${moment}.`))
    .min(1, `Keep at least one reminder before ${moment}; members who want none can turn reminders off for themselves.`)
    .max(3, `Choose at most three reminders before ${moment}.`)
    .refine((times) => new Set(times).size === times.length, `List each reminder time once.`)
    .default(defaults);
}

/**
 * A community's settings, version 2 (see `upgrades` for what changed). Every
 * field has a default, so `{}` is a valid document meaning "all defaults" (the
 * seed script and a new community store just that); a stored document holds
 * only what an owner changed.
 *
 * Nested objects use `prefault({})` so a missing object is parsed (and its own
 * defaults filled in) rather than replaced by a literal default.
 */
export const communitySettingsSchema = z.object({
  programName: z.string().trim().min(1, 'Give the program a name.').max(80, 'Keep the program name under 80 characters.').default('Mentorship program'),
  /** The platform channel where the bot posts program announcements; null until an owner picks one. */
  mentorshipChannelId: z.string().min(1).max(100).nullable().default(null),
  mentorshipLength: z
    .object({
      defaultWeeks: z.int().min(1).max(104).default(12),
      minWeeks: z.int().min(1).max(104).default(4),
      maxWeeks: z.int().min(1).max(104).default(24),
    })
    .refine((length) => length.minWeeks <= length.defaultWeeks && length.defaultWeeks <= length.maxWeeks, {
      message: 'The default length must lie between the shortest and the longest allowed.',
      path: ['defaultWeeks'],
    })
    .prefault({}),
  openRelations: z
    .object({
      perMentee: z.int().min(1, 'Allow at least one open mentorship per mentee.').max(10).default(1),
      perMentor: z.int().min(1, 'Allow at least one open mentorship per mentor.').max(20).default(3),
    })
    .prefault({}),
  requestExpiryDays: z.int().min(1, 'Requests must stay open at least a day.').max(60, 'Requests expire after at most 60 days.').default(7),
  /** Requests one member may have waiting for an answer at once, so nobody sprays requests at everyone. */
  pendingOutgoingRequests: z.int().min(1, 'Allow at least one request at a time.').max(20, 'Allow at most 20 requests at a time.').default(5),
  requestsNeedAdminApproval: z.boolean().default(false),
  newMembersNeedAdminApproval: z.boolean().default(false),
  reminders: z
    .object({
      /** Hours before a confirmed session when both members are reminded (core/sessions/send-session-reminders.ts). */
      sessionHoursBefore: reminderTimes({ unit: 'hour', max: 168, maxText: '168 hours (a week)', moment: 'a session', defaults: [24, 1] }),
      /** Days without activity after which a pair is nudged. */
      silentPairDays: z.int().min(3).max(90).default(14),
      /** Days before a goal's or task's due date when its members are reminded (core/goals/send-goal-reminders.ts). */
      goalDueDaysBefore: reminderTimes({ unit: 'day', max: 14, maxText: '14 days', moment: 'a due date', defaults: [3, 1] }),
    })
    .prefault({}),
  /** Applied to members who set none of their own, in each member's timezone. */
  defaultQuietHours: quietHours.nullable().default({ start: '22:00', end: '08:00' }),
  codeOfConduct: z
    .object({
      text: z.string().trim().max(3500, 'Keep the code of conduct under 3,500 characters, or link to the full text.').default(''),
      required: z.boolean().default(false),
    })
    .refine((conduct) => !conduct.required || conduct.text.length > 0, {
      message: 'Write the code of conduct before requiring members to accept it.',
      path: ['text'],
    })
    .prefault({}),
  branding: z
    .object({
      name: z.string().trim().min(1).max(80).nullable().default(null),
      colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a hex colour such as #5865F2.').default('#5865F2'),
      logoUrl: z.url({ protocol: /^https$/, error: 'Use an https:// address for the logo.' }).max(500).nullable().default(null),
    })
    .prefault({}),
  /** The public pages (web-admin /p/:id): what the program is about, and the questions owners answer up front. */
  about: z.string().trim().max(3000, 'Keep the description under 3,000 characters.').default(''),
  faq: z
    .array(
      z.object({
        question: z.string().trim().min(1, 'Write the question.').max(200, 'Keep the question under 200 characters.'),
        answer: z.string().trim().min(1, 'Write the answer.').max(1500, 'Keep the answer under 1,500 characters.'),
      }),
    )
    .max(20, 'At most 20 questions.')
    .default([]),
  /** How long a member who left the server is kept before the monthly purge deletes them. */
  leftMemberRetentionDays: z.int().min(7).max(3650).default(90),
  /** Match score weights and the matching round schedule (see core/matching/matching-settings.ts). */
  matching: matchingSettings.prefault({}),
  /** What only a Slack workspace uses; a Discord community keeps the defaults. */
  slack: z
    .object({
      /**
       * Where a pair meets: a private channel the bot creates (needs a
       * workspace that lets apps create channels), or a group DM of the two
       * and the bot (no channel to create, but it cannot be archived: a
       * closing note is posted instead).
       */
      pairSpace: z.enum(['private-channel', 'group-dm'], 'Choose a private channel or a group DM for the pairs.').default('private-channel'),
    })
    .prefault({}),
});

export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

/** The version new documents are written in. Bump it with a new schema and an entry in `upgrades`. */
export const currentSettingsVersion = 2;

type SettingsDocument = Record<string, unknown>;

const isPlainObject = (value: unknown): value is SettingsDocument => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 1 to 2. The reminder times became real settings: `goalDueDaysBefore`
 * was one number (0 to 30) and `sessionHoursBefore` could be empty or repeat
 * a time, and neither was read (the jobs always used 3 and 1 days, 24 and 1
 * hours). A choice that fits version 2 is kept; anything else falls back to
 * the defaults, which is what the community has been getting.
 */
function upgradeReminderTimes(v1: SettingsDocument): SettingsDocument {
  if (!isPlainObject(v1.reminders)) return v1;
  const reminders: SettingsDocument = { ...v1.reminders };
  const days = reminders.goalDueDaysBefore;
  if (typeof days === 'number') {
    if (Number.isInteger(days) && days >= 1 && days <= 14) reminders.goalDueDaysBefore = [days];
    else delete reminders.goalDueDaysBefore;
  }
  const hours = reminders.sessionHoursBefore;
  if (Array.isArray(hours)) {
    if (hours.length === 0) delete reminders.sessionHoursBefore;
    else reminders.sessionHoursBefore = [...new Set(hours)];
  }
  return { ...v1, reminders };
}

/** Upgrades a stored document from version N to N+1, keyed by N. */
const upgrades: Record<number, (settings: SettingsDocument) => SettingsDocument> = {
  1: upgradeReminderTimes,
};

export const defaultSettings: CommunitySettings = communitySettingsSchema.parse({});

/**
 * A stored document brought up to the current version, still as stored (only
 * what an owner changed, unparsed): what an update merges its changes into.
 */
export function upgradeStoredSettings(stored: SettingsDocument, version: number): SettingsDocument {
  if (version > currentSettingsVersion) throw new CorruptDataError(`settings version ${version} is newer than this app knows (${currentSettingsVersion})`);
  let document = stored;
  for (let from = version; from < currentSettingsVersion; from++) {
    const upgrade = upgrades[from];
    if (!upgrade) throw new CorruptDataError(`no upgrade for settings version ${from}`);
    document = upgrade(document);
  }
  return document;
}

/**
 * Reads settings as stored: upgrades older versions, then parses with the
 * current schema. Stored settings were validated when written, so a failure
 * here means the row was changed behind the app's back.
 */
export function parseStoredSettings(stored: SettingsDocument, version: number): CommunitySettings {
  const parsed = communitySettingsSchema.safeParse(upgradeStoredSettings(stored, version));
  if (!parsed.success) throw new CorruptDataError('stored community settings do not parse', { cause: parsed.error });
  return parsed.data;
}
