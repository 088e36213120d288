import { hkdfSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { webApi } from '@slack/bolt';
import { InstallProvider, type CallbackOptions } from '@slack/oauth';
import type { Log } from '../../core/ports/log.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackInstallationStore } from './installation-store.js';
import { slackBotScopes } from './manifest.js';
import { displayNameOf, type SlackClientOptions, type SlackWorkspaces } from './workspaces.js';

export interface SlackOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the OAuth `state`; derived from the app's secret key when SLACK_STATE_SECRET is unset. */
  readonly stateSecret?: string;
  readonly secretKey: string;
  readonly publicUrl: string;
  readonly store: SlackInstallationStore;
  readonly workspaces: SlackWorkspaces;
  readonly clientOptions: SlackClientOptions;
  readonly log: Log;
}

/** The install flow as the routes use it: both take Node's request and response. */
export interface SlackOAuth {
  readonly installer: InstallProvider;
  readonly callbackOptions: CallbackOptions;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(response: ServerResponse, status: number, title: string, paragraphs: readonly string[]): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('')}</body></html>`);
}

/**
 * Multi-workspace install with Slack's own OAuth library: `/slack/install`
 * sets a state cookie and sends the visitor to Slack; `/slack/oauth_redirect`
 * checks the state against the cookie (so nobody can complete someone else's
 * install), exchanges the code with oauth.v2.access, stores the installation
 * (sealed) and ensures the workspace's community with the installer as first
 * OWNER, active again if it had been uninstalled.
 */
export function createSlackOAuth(options: SlackOAuthOptions): SlackOAuth {
  const stateSecret = options.stateSecret ?? Buffer.from(hkdfSync('sha256', options.secretKey, 'mentorship-bot/slack-oauth-state', 'state v1', 32)).toString('hex');
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret,
    installationStore: options.store,
    directInstall: true,
    installUrlOptions: { scopes: [...slackBotScopes], redirectUri: `${options.publicUrl}/slack/oauth_redirect` },
    logger: boltLogger(options.log),
    clientOptions: options.clientOptions,
  });

  const callbackOptions: CallbackOptions = {
    successAsync: async (installation, _installOptions, _request, response) => {
      const teamId = installation.team?.id;
      if (!teamId || !installation.bot) throw new Error('the installation has no workspace or bot');
      const client = new webApi.WebClient(installation.bot.token, options.clientOptions);
      const installerUser = await client.users.info({ user: installation.user.id }).catch((error: unknown) => {
        options.log.warn({ err: error, teamId }, 'could not read the installer\'s name');
        return null;
      });
      const community = await options.workspaces.installed({
        teamId,
        teamName: installation.team?.name ?? '',
        installerUserId: installation.user.id,
        installerName: displayNameOf(installerUser?.user),
      });
      options.log.info({ teamId, communityId: community.id }, 'Slack app installed in a workspace');
      page(response, 200, `Installed in ${community.name}`, [
        'The mentor app is ready. In Slack, type /mentor join to set up your profile, or /mentor help to see everything it does.',
        'You are the program\'s first owner.',
      ]);
    },
    failureAsync: async (error, _installOptions, _request, response) => {
      options.log.warn({ err: error, code: error.code }, 'Slack install did not finish');
      page(response, 400, 'The install did not finish', [
        error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state'
          ? 'The install link expired or was opened in another browser.'
          : 'Slack did not confirm the install.',
        `Start again from ${options.publicUrl}/slack/install.`,
      ]);
    },
  };
  return { installer, callbackOptions };
}
