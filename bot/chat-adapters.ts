import type { Config } from './config.js';

export interface ChatAdapterPlan {
  platform: 'discord' | 'slack';
  enabled: boolean;
  /** Why it is off, for the start-up log. */
  reason?: string;
}

/** Which chat adapters this configuration turns on, and why the others stay off. */
export function chatAdapterPlan(config: Config): ChatAdapterPlan[] {
  const discord: ChatAdapterPlan = config.discord.token
    ? config.discord.applicationId
      ? { platform: 'discord', enabled: true }
      : { platform: 'discord', enabled: false, reason: 'DISCORD_APPLICATION_ID is not set (needed to register commands)' }
    : { platform: 'discord', enabled: false, reason: 'DISCORD_TOKEN is not set' };
  const slackCredentials = config.slack.botToken || config.slack.clientId;
  const slack: ChatAdapterPlan = slackCredentials
    ? { platform: 'slack', enabled: true }
    : { platform: 'slack', enabled: false, reason: 'neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID is set' };
  return [discord, slack];
}
