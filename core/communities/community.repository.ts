import type { Kysely, Selectable } from 'kysely';
import { NotFoundError } from '../errors.js';
import type { Database, Platform } from '../store/database.js';
import { parseStoredSettings, type CommunitySettings } from './settings.js';

/** A community as the core sees it, settings parsed and filled with defaults. */
export interface CommunityProfile {
  readonly id: number;
  readonly platform: Platform;
  readonly externalId: string;
  readonly name: string;
  readonly timezone: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  /** When an owner uninstalled the program (then INACTIVE); null when the platform took the bot's access away instead, or while ACTIVE. */
  readonly uninstalledAt: Date | null;
  readonly settings: CommunitySettings;
}

const columns = ['id', 'platform', 'external_id', 'name', 'timezone', 'status', 'uninstalled_at', 'settings', 'settings_version'] as const;

type CommunityRow = Pick<Selectable<Database['communities']>, (typeof columns)[number]>;

function toCommunity(row: CommunityRow): CommunityProfile {
  return {
    id: row.id,
    platform: row.platform,
    externalId: row.external_id,
    name: row.name,
    timezone: row.timezone,
    status: row.status,
    uninstalledAt: row.uninstalled_at,
    settings: parseStoredSettings(row.settings, row.settings_version),
  };
}

export async function findCommunity(db: Kysely<Database>, id: number): Promise<CommunityProfile | null> {
  const row = await db.selectFrom('communities').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toCommunity(row) : null;
}

export async function findCommunityByExternalId(db: Kysely<Database>, platform: Platform, externalId: string): Promise<CommunityProfile | null> {
  const row = await db
    .selectFrom('communities')
    .select(columns)
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toCommunity(row) : null;
}

/** The settings document exactly as stored (overrides only), with its version, locked for an update. */
export async function lockStoredSettings(
  db: Kysely<Database>,
  id: number,
): Promise<{ document: Record<string, unknown>; version: number } | null> {
  const row = await db.selectFrom('communities').select(['settings', 'settings_version']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? { document: row.settings, version: row.settings_version } : null;
}

export async function saveSettings(db: Kysely<Database>, id: number, document: Record<string, unknown>, version: number, now: Date): Promise<void> {
  await db
    .updateTable('communities')
    .set({ settings: JSON.stringify(document), settings_version: version, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The community an authorized actor belongs to; its absence is a failure, not a user mistake. */
export async function requireCommunity(db: Kysely<Database>, id: number): Promise<CommunityProfile> {
  const community = await findCommunity(db, id);
  if (!community) throw new NotFoundError(`community ${id} is gone`);
  return community;
}
