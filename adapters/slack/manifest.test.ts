import { describe, expect, it } from 'vitest';
import { commandCatalog } from '../../core/commands/commands.js';
import { buildSlackManifest, slackBotEvents, slackBotScopes, usageHint } from './manifest.js';

describe('Slack app manifest', () => {
  const manifest = buildSlackManifest(commandCatalog, { publicUrl: 'https://mentor.example.org/' }) as {
    display_information: { name: string; description: string };
    features: { slash_commands: Record<string, unknown>[]; shortcuts: Record<string, unknown>[]; app_home: Record<string, boolean> };
    oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
    settings: { event_subscriptions: { request_url?: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
  };

  it('declares /mentor from commands.json, with mentions escaped, at /slack/events under PUBLIC_URL', () => {
    expect(manifest.features.slash_commands).toEqual([{
      command: '/mentor', url: 'https://mentor.example.org/slack/events', description: commandCatalog.description, usage_hint: usageHint(commandCatalog), should_escape: true,
    }]);
    expect(usageHint(commandCatalog).length).toBeLessThanOrEqual(100);
    expect(usageHint(commandCatalog)).toMatch(/^join \| home \| profile \[member\]/);
  });

  it('subscribes to the events the adapter handles, with the scopes they need, and interactivity at the same URL', () => {
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: 'https://mentor.example.org/slack/events', bot_events: [...slackBotEvents] });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://mentor.example.org/slack/events' });
    expect(manifest.oauth_config).toEqual({ redirect_urls: ['https://mentor.example.org/slack/oauth_redirect'], scopes: { bot: [...slackBotScopes] } });
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read', 'groups:write', 'groups:history', 'mpim:write', 'mpim:history']));
    // Pair spaces: private channels and group DMs (slack.pairSpace), counted from their message events.
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'message.groups', 'message.mpim']));
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.shortcuts[0]).toMatchObject({ type: 'message', callback_id: 'mentor_report_message' });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('drops the request URLs for Socket Mode', () => {
    const socket = buildSlackManifest(commandCatalog, { publicUrl: 'http://localhost:3000', socketMode: true }) as typeof manifest;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.event_subscriptions.request_url).toBeUndefined();
    expect(socket.settings.interactivity.request_url).toBeUndefined();
    expect(socket.features.slash_commands[0]?.url).toBeUndefined();
  });
});
