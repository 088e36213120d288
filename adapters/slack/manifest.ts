import { listCommands, type CommandCatalog } from '../../core/commands/command-catalog.js';

/**
 * The app's bot scopes, and why each. Nothing broader: the bot never reads
 * public channels or message text it is not shown.
 */
export const slackBotScopes = [
  'commands', // the /mentor command and the "Report this message" shortcut
  'chat:write', // replies, DMs from the app, posts in a pair's channel
  'im:write', // conversations.open: the DM with a member
  'users:read', // names at install, the workspace's primary owner, members deactivated (user_change)
  'groups:write', // a pair's private channel: create, invite both, archive when the mentorship ends
  'groups:history', // message.groups: counts of messages in pair channels (never their text)
  'mpim:write', // a pair's group DM, when the community prefers it to a channel
  'mpim:history', // message.mpim: counts in those group DMs
] as const;

/** The events the app subscribes to (each needs the scope noted). */
export const slackBotEvents = [
  'app_home_opened', // the App Home dashboard
  'team_join', // welcome DM (users:read)
  'user_change', // a deactivated member leaves the program (users:read)
  'tokens_revoked', // the workspace revoked the app's token: community INACTIVE
  'app_uninstalled', // likewise on uninstall
  'message.groups', // activity counts in pair channels (groups:history)
  'message.mpim', // activity counts in pair group DMs (mpim:history)
] as const;

/** The message shortcut's callback id. */
export const reportMessageShortcut = 'mentor_report_message';

/** Slack cuts a slash command's usage hint; this keeps the common subcommands in view. */
const usageHintLength = 100;

/** `join | profile [member] | help | …`: the everyday subcommands, for Slack's autocomplete line. */
export function usageHint(catalog: CommandCatalog): string {
  const entries = listCommands(catalog).filter((entry) => entry.audience === 'everyone' || entry.audience === 'member');
  const parts = entries.map((entry) => [...entry.path, ...entry.options.map((option) => (option.required ? `<${option.name}>` : `[${option.name}]`))].join(' '));
  let hint = '';
  for (const part of [...parts, 'help']) {
    const next = hint ? `${hint} | ${part}` : part;
    if (next.length > usageHintLength - 4) return `${hint} | …`;
    hint = next;
  }
  return hint;
}

export interface SlackManifestOptions {
  /** Where Slack reaches the app, e.g. https://mentor.example.org (no trailing slash needed). */
  readonly publicUrl: string;
  /** The app's name in Slack. */
  readonly appName?: string;
  /** Socket Mode: Slack sends everything over the app-level token's WebSocket; no request URLs. */
  readonly socketMode?: boolean;
}

/**
 * The Slack app manifest, generated from commands.json and PUBLIC_URL: paste
 * it at api.slack.com/apps → Create New App → From a manifest. Commands,
 * interactivity and events share one request URL, `/slack/events`.
 */
export function buildSlackManifest(catalog: CommandCatalog, options: SlackManifestOptions): Record<string, unknown> {
  const base = options.publicUrl.replace(/\/+$/, '');
  const name = options.appName ?? 'Mentor';
  const eventsUrl = `${base}/slack/events`;
  const socketMode = options.socketMode ?? false;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name, description: catalog.description, background_color: '#2c2d30' },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: name, always_online: true },
      slash_commands: [{
        command: `/${catalog.name}`,
        ...(socketMode ? {} : { url: eventsUrl }),
        description: catalog.description,
        usage_hint: usageHint(catalog),
        // Mentions then arrive as <@U123|name>, which the command parser reads.
        should_escape: true,
      }],
      shortcuts: [{ name: 'Report this message', type: 'message', callback_id: reportMessageShortcut, description: 'Tell the program admins about this message' }],
    },
    oauth_config: {
      redirect_urls: [`${base}/slack/oauth_redirect`],
      scopes: { bot: [...slackBotScopes] },
    },
    settings: {
      event_subscriptions: { ...(socketMode ? {} : { request_url: eventsUrl }), bot_events: [...slackBotEvents] },
      interactivity: { is_enabled: true, ...(socketMode ? {} : { request_url: eventsUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}
