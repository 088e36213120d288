import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { withdrawDueRemindersNotAt } from '../goals/goal.repository.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { withdrawRemindersNotAt } from '../sessions/session.repository.js';
import { lockStoredSettings, saveSettings } from './community.repository.js';
import { communitySettingsSchema, currentSettingsVersion, parseStoredSettings, upgradeStoredSettings, type CommunitySettings } from './settings.js';

/** Nested partial changes: `{ codeOfConduct: { required: true } }` keeps the stored text. */
export type SettingsChanges = { readonly [key: string]: unknown };

/**
 * An owner changes community settings. The changes are merged into the stored
 * document (objects key by key, everything else replaced), and the whole
 * result must pass the schema before anything is saved; unknown keys are
 * refused rather than silently dropped. A reminder time taken away also
 * withdraws the reminders of that time still waiting in the outbox.
 */
export async function updateSettings(deps: CoreDeps, actor: Actor, changes: SettingsChanges): Promise<Outcome<CommunitySettings>> {
  const auth = authorizeMember(actor, 'settings.update');
  if (!auth.ok) return auth;
  const unknown = Object.keys(changes).filter((key) => !(key in communitySettingsSchema.shape));
  if (unknown.length > 0) {
    return fail('invalid-input', 'Some settings do not exist.', unknown.map((field) => ({ field, message: 'There is no such setting.' })));
  }

  return deps.db.transaction().execute(async (trx) => {
    const stored = await lockStoredSettings(trx, auth.value.communityId);
    if (!stored) throw new NotFoundError(`community ${auth.value.communityId} is gone`);
    const before = parseStoredSettings(stored.document, stored.version);
    // Merged into the upgraded document, so an old document is saved in the current version.
    const document = mergeDocuments(upgradeStoredSettings(stored.document, stored.version), changes);
    const parsed = communitySettingsSchema.safeParse(document);
    if (!parsed.success) return invalidInput(parsed.error, 'These settings cannot be saved as they are.');
    await saveSettings(trx, auth.value.communityId, document, currentSettingsVersion, deps.clock.now());
    const { sessionHoursBefore, goalDueDaysBefore } = parsed.data.reminders;
    if (!sameTimes(before.reminders.sessionHoursBefore, sessionHoursBefore)) await withdrawRemindersNotAt(trx, auth.value.communityId, sessionHoursBefore);
    if (!sameTimes(before.reminders.goalDueDaysBefore, goalDueDaysBefore)) await withdrawDueRemindersNotAt(trx, auth.value.communityId, goalDueDaysBefore);
    return ok(parsed.data);
  });
}

/** The same reminder times, in any order. */
function sameTimes(before: readonly number[], after: readonly number[]): boolean {
  return before.length === after.length && before.every((time) => after.includes(time));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDocuments(base: Record<string, unknown>, changes: SettingsChanges): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const current = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(current) ? mergeDocuments(current, value) : value;
  }
  return merged;
}
