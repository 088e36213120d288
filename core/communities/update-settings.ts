import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import { lockStoredSettings, saveSettings } from './community.repository.js';
import { communitySettingsV1, currentSettingsVersion, parseStoredSettings, type CommunitySettings } from './settings.js';

/** Nested partial changes: `{ codeOfConduct: { required: true } }` keeps the stored text. */
export type SettingsChanges = { readonly [key: string]: unknown };

/**
 * An owner changes community settings. The changes are merged into the stored
 * document (objects key by key, everything else replaced), and the whole
 * result must pass the schema before anything is saved; unknown keys are
 * refused rather than silently dropped.
 */
export async function updateSettings(deps: CoreDeps, actor: Actor, changes: SettingsChanges): Promise<Outcome<CommunitySettings>> {
  const auth = authorizeMember(actor, 'settings.update');
  if (!auth.ok) return auth;
  const unknown = Object.keys(changes).filter((key) => !(key in communitySettingsV1.shape));
  if (unknown.length > 0) {
    return fail('invalid-input', 'Some settings do not exist.', unknown.map((field) => ({ field, message: 'There is no such setting.' })));
  }

  return deps.db.transaction().execute(async (trx) => {
    const stored = await lockStoredSettings(trx, auth.value.communityId);
    if (!stored) throw new NotFoundError(`community ${auth.value.communityId} is gone`);
    // Read through the upgrades first, so an old document is saved in the current version.
    parseStoredSettings(stored.document, stored.version);
    const document = mergeDocuments(stored.document, changes);
    const parsed = communitySettingsV1.safeParse(document);
    if (!parsed.success) return invalidInput(parsed.error, 'These settings cannot be saved as they are.');
    await saveSettings(trx, auth.value.communityId, document, currentSettingsVersion, deps.clock.now());
    return ok(parsed.data);
  });
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
