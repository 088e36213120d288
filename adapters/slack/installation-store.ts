import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/ports/clock.js';
import type { Database } from '../../core/store/database.js';
import { isUniqueViolation } from '../../core/store/unique-violation.js';
import type { FieldCipher } from '../crypto/field-cipher.js';

/** What the adapter needs of an installed workspace: its bot and who installed it. */
export interface WorkspaceInstallation {
  readonly teamId: string;
  readonly teamName: string;
  readonly botToken: string;
  readonly botUserId: string | null;
  readonly botId: string | null;
  readonly installerUserId: string | null;
}

/**
 * Bolt's installation store on the `slack_installations` table, one row per
 * workspace. The bot token and the whole installation Slack returned (which
 * may hold a user token) are stored sealed with the field cipher, bound to
 * the workspace's id, so a database dump alone gives nobody a working token.
 *
 * Only workspace installs are supported; an org-wide (Enterprise Grid)
 * install is refused at the OAuth callback. Token rotation is not enabled in
 * the manifest, so tokens do not expire and are never refreshed here.
 */
export interface SlackInstallationStore extends InstallationStore {
  /** The active installation of a workspace, or null when it was never installed or is revoked. */
  findActive(teamId: string): Promise<WorkspaceInstallation | null>;
  /** The workspace uninstalled the app or revoked its token: kept for the record, never used again. */
  revoke(teamId: string): Promise<boolean>;
}

const tokenContext = (teamId: string) => `slack_installations.bot_token:${teamId}`;
const installationContext = (teamId: string) => `slack_installations.installation:${teamId}`;

export function createInstallationStore(options: { db: Kysely<Database>; cipher: FieldCipher; clock: Clock }): SlackInstallationStore {
  const { db, cipher, clock } = options;

  async function activeRow(teamId: string) {
    return db
      .selectFrom('slack_installations')
      .select(['team_id', 'bot_token_encrypted', 'bot_user_id', 'installer_user_id', 'installation_encrypted'])
      .where('team_id', '=', teamId)
      .where('enterprise_id', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async function upsert(teamId: string, values: Omit<Parameters<typeof insert>[0], 'team_id' | 'installed_at'>): Promise<void> {
    // A reinstall keeps the first install's time; revoked_at null makes it active again.
    const updated = await db.updateTable('slack_installations').set({ ...values }).where('team_id', '=', teamId).where('enterprise_id', 'is', null).returning('id').executeTakeFirst();
    if (updated) return;
    try {
      await insert({ team_id: teamId, ...values, installed_at: clock.now() });
    } catch (error) {
      // Two callbacks for the same workspace at once: the other inserted first, so update its row.
      if (!isUniqueViolation(error)) throw error;
      await db.updateTable('slack_installations').set({ ...values }).where('team_id', '=', teamId).where('enterprise_id', 'is', null).execute();
    }
  }

  async function insert(values: {
    team_id: string; bot_user_id: string | null; bot_token_encrypted: string; installer_user_id: string | null; scopes: string[];
    installation_encrypted: string; installed_at: Date; revoked_at: null;
  }): Promise<void> {
    await db.insertInto('slack_installations').values(values).execute();
  }

  return {
    async storeInstallation(installation: Installation) {
      if (installation.isEnterpriseInstall || !installation.team?.id) throw new Error('org-wide (Enterprise Grid) installs are not supported: install the app in a workspace');
      if (!installation.bot?.token) throw new Error('the installation has no bot token (the bot scopes were not granted)');
      const teamId = installation.team.id;
      await upsert(teamId, {
        bot_user_id: installation.bot.userId,
        bot_token_encrypted: cipher.seal(installation.bot.token, tokenContext(teamId)),
        installer_user_id: installation.user.id,
        scopes: installation.bot.scopes,
        installation_encrypted: cipher.seal(JSON.stringify(installation), installationContext(teamId)),
        revoked_at: null,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const row = query.teamId ? await activeRow(query.teamId) : undefined;
      if (!row?.installation_encrypted) throw new Error(`no active Slack installation for team ${query.teamId ?? '(none)'}`);
      return JSON.parse(cipher.open(row.installation_encrypted, installationContext(row.team_id))) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await db.deleteFrom('slack_installations').where('team_id', '=', query.teamId).where('enterprise_id', 'is', null).execute();
    },
    async findActive(teamId) {
      const row = await activeRow(teamId);
      if (!row) return null;
      const installation = row.installation_encrypted ? (JSON.parse(cipher.open(row.installation_encrypted, installationContext(teamId))) as Installation) : null;
      return {
        teamId,
        teamName: installation?.team?.name ?? '',
        botToken: cipher.open(row.bot_token_encrypted, tokenContext(teamId)),
        botUserId: row.bot_user_id,
        botId: installation?.bot?.id ?? null,
        installerUserId: row.installer_user_id,
      };
    },
    async revoke(teamId) {
      const revoked = await db
        .updateTable('slack_installations')
        .set({ revoked_at: clock.now() })
        .where('team_id', '=', teamId)
        .where('enterprise_id', 'is', null)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return Boolean(revoked);
    },
  };
}
