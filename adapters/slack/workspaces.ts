import { webApi, type Authorize } from '@slack/bolt';
import { systemActor } from '../../core/access/actor.js';
import { findCommunityByExternalId, type CommunityProfile } from '../../core/communities/community.repository.js';
import { ensureCommunity } from '../../core/communities/ensure-community.js';
import { reinstallCommunity, type ReinstallCause } from '../../core/communities/reinstall-community.js';
import { setCommunityStatus } from '../../core/communities/set-community-status.js';
import type { CoreDeps } from '../../core/deps.js';
import type { Log } from '../../core/ports/log.js';
import type { SlackInstallationStore } from './installation-store.js';

/**
 * The workspaces the app serves and their bot tokens. A workspace is a
 * community: created when the app meets it (single-workspace mode: at start,
 * with the workspace's primary owner as first OWNER; multi-workspace mode: at
 * the OAuth install, with the installer), made INACTIVE when Slack says the
 * app lost its access or an owner uninstalls the program from the admin site,
 * ACTIVE again on a new install.
 */
export interface SlackWorkspaces {
  readonly mode: 'single-workspace' | 'multi-workspace';
  /** Bolt's `authorize`: the bot token and ids for the workspace a request came from. */
  readonly authorize: Authorize<boolean>;
  /** The community of a workspace the app is installed in, created on first contact if need be; null otherwise. */
  communityFor(teamId: string): Promise<CommunityProfile | null>;
  /** The bot token for a workspace, or null when the app is not (or no longer) installed there. */
  botTokenFor(teamId: string): Promise<string | null>;
  /** A (re)install: the community ensured with the installer as first OWNER, and ACTIVE. */
  installed(input: { teamId: string; teamName: string; installerUserId: string; installerName: string }): Promise<CommunityProfile>;
  /** The app lost its access (uninstalled, tokens revoked): the installation revoked, the community INACTIVE. */
  revoke(teamId: string, reason: string): Promise<void>;
}

export type SlackClientOptions = ConstructorParameters<typeof webApi.WebClient>[1];

interface SlackUser {
  readonly id?: string;
  readonly name?: string;
  readonly real_name?: string;
  readonly is_primary_owner?: boolean;
  readonly deleted?: boolean;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

/** How a person is called: their display name, else real name, else handle. */
export function displayNameOf(user: SlackUser | undefined): string {
  return user?.profile?.display_name?.trim() || user?.profile?.real_name?.trim() || user?.real_name?.trim() || user?.name?.trim() || 'Slack member';
}

/** The workspace's primary owner, the Slack counterpart of a Discord server owner; null if the list does not show one. */
export async function findPrimaryOwner(client: webApi.WebClient): Promise<{ id: string; name: string } | null> {
  let cursor: string | undefined;
  // A meetup workspace is a few pages at most; the cap keeps a giant one from stalling the start.
  for (let page = 0; page < 50; page++) {
    const result = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    const owner = (result.members as SlackUser[] | undefined)?.find((member) => member.is_primary_owner && !member.deleted && member.id);
    if (owner?.id) return { id: owner.id, name: displayNameOf(owner) };
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

async function ensureWorkspaceCommunity(deps: Pick<CoreDeps, 'db' | 'clock'>, input: { teamId: string; teamName: string; installerUserId: string; installerName: string }): Promise<CommunityProfile> {
  const ensured = await ensureCommunity(deps, systemActor, {
    platform: 'slack',
    externalId: input.teamId,
    name: input.teamName.trim().slice(0, 100) || `Slack workspace ${input.teamId}`,
    ownerPlatformUserId: input.installerUserId,
    ownerDisplayName: input.installerName.trim().slice(0, 100) || 'Workspace owner',
  });
  // The system actor may always ensure a community; anything else is a bug.
  if (!ensured.ok) throw new Error(`could not ensure the community of Slack team ${input.teamId}: ${ensured.problem.message}`);
  const { community } = ensured.value;
  if (community.status === 'ACTIVE') return community;
  // An install is the way back, after lost access and after an owner's uninstall alike.
  await reinstall(deps, community, 'slack.app-installed');
  return { ...community, status: 'ACTIVE', uninstalledAt: null };
}

async function reinstall(deps: Pick<CoreDeps, 'db' | 'clock'>, community: CommunityProfile, cause: ReinstallCause): Promise<void> {
  const outcome = await reinstallCommunity(deps, systemActor, { communityId: community.id, cause });
  // The system actor may always reinstall, and the community was just read: anything else is a bug.
  if (!outcome.ok) throw new Error(`could not turn the program of Slack team ${community.externalId} back on: ${outcome.problem.message}`);
}

async function deactivate(deps: Pick<CoreDeps, 'db' | 'clock'>, log: Log, teamId: string, reason: string): Promise<void> {
  const outcome = await setCommunityStatus(deps, systemActor, { platform: 'slack', externalId: teamId, status: 'INACTIVE' });
  if (outcome.ok && outcome.value.changed) log.warn({ teamId, reason }, 'Slack workspace revoked the app: community marked INACTIVE');
}

/**
 * Single-workspace mode (`SLACK_BOT_TOKEN`): checks the token with auth.test
 * (a bad token stops the start, naming the error), then ensures the
 * workspace's community. A community INACTIVE because Slack took the app's
 * access away is ACTIVE again (the token works); one an owner uninstalled
 * stays INACTIVE, with a warning naming the command that turns it back on.
 * Requests from any other workspace are refused.
 */
export async function connectSingleWorkspace(options: { deps: Pick<CoreDeps, 'db' | 'clock'>; log: Log; botToken: string; clientOptions: SlackClientOptions }): Promise<SlackWorkspaces> {
  const { deps, log, botToken } = options;
  const client = new webApi.WebClient(botToken, options.clientOptions);
  const auth = await client.auth.test();
  const teamId = auth.team_id;
  if (!teamId) throw new Error('auth.test returned no team: SLACK_BOT_TOKEN must be a workspace bot token (xoxb-)');
  const bot = { botToken, botUserId: auth.user_id, botId: auth.bot_id };

  const workspaces: SlackWorkspaces = {
    mode: 'single-workspace',
    async authorize(source) {
      if (source.teamId && source.teamId !== teamId) throw new Error(`this app serves Slack team ${teamId}, not ${source.teamId}`);
      return { ...bot, teamId };
    },
    async communityFor(requested) {
      return requested === teamId ? findCommunityByExternalId(deps.db, 'slack', teamId) : null;
    },
    async botTokenFor(requested) {
      return requested === teamId ? botToken : null;
    },
    installed: (input) => ensureWorkspaceCommunity(deps, input),
    revoke: (requested, reason) => deactivate(deps, log, requested, reason),
  };

  const known = await findCommunityByExternalId(deps.db, 'slack', teamId);
  if (!known) {
    const owner = await findPrimaryOwner(client);
    if (!owner) throw new Error(`could not find the primary owner of Slack team ${teamId} (users.list, scope users:read) to make them the program's first owner`);
    await workspaces.installed({ teamId, teamName: auth.team ?? '', installerUserId: owner.id, installerName: owner.name });
  } else if (known.status === 'INACTIVE' && known.uninstalledAt) {
    // The token working says nothing about the owner's decision: the app stays installed after an uninstall from the site.
    log.warn(
      { teamId, communityId: known.id, uninstalledAt: known.uninstalledAt.toISOString() },
      `Slack workspace ${teamId} stays switched off: an owner uninstalled the program from the admin site, and a working token is not a reinstall. ` +
        `To turn it back on, run: npm run community:reinstall -- --community ${known.id}`,
    );
  } else if (known.status === 'INACTIVE') {
    // Slack had taken the app's access away, and the token works again: the workspace has the app again.
    await reinstall(deps, known, 'slack.token-works');
  }
  log.info({ teamId, botUserId: auth.user_id }, 'Slack workspace connected');
  return workspaces;
}

/**
 * Multi-workspace mode (`SLACK_CLIENT_ID`): tokens come from the installation
 * store, filled by the OAuth install. A workspace without an active
 * installation is refused (Bolt then acknowledges and drops the request).
 */
export function multiWorkspaces(options: { deps: Pick<CoreDeps, 'db' | 'clock'>; log: Log; store: SlackInstallationStore; clientOptions: SlackClientOptions }): SlackWorkspaces {
  const { deps, log, store } = options;
  const workspaces: SlackWorkspaces = {
    mode: 'multi-workspace',
    async authorize(source) {
      const installation = source.teamId ? await store.findActive(source.teamId) : null;
      if (!installation) throw new Error(`the app is not installed in Slack team ${source.teamId ?? '(none)'}`);
      return { botToken: installation.botToken, botUserId: installation.botUserId ?? undefined, botId: installation.botId ?? undefined, teamId: installation.teamId };
    },
    async communityFor(teamId) {
      const known = await findCommunityByExternalId(deps.db, 'slack', teamId);
      if (known) return known;
      // Installed, but the community was not created then (the callback failed after storing): create it now.
      const installation = await store.findActive(teamId);
      if (!installation?.installerUserId) return null;
      const client = new webApi.WebClient(installation.botToken, options.clientOptions);
      const installer = await client.users.info({ user: installation.installerUserId }).catch(() => null);
      return workspaces.installed({ teamId, teamName: installation.teamName, installerUserId: installation.installerUserId, installerName: displayNameOf(installer?.user as SlackUser | undefined) });
    },
    async botTokenFor(teamId) {
      return (await store.findActive(teamId))?.botToken ?? null;
    },
    installed: (input) => ensureWorkspaceCommunity(deps, input),
    async revoke(teamId, reason) {
      await store.revoke(teamId);
      await deactivate(deps, log, teamId, reason);
    },
  };
  return workspaces;
}
