import type { Message } from 'discord.js';

/**
 * One message in a thread, reduced to what the privacy rules allow the bot to
 * keep: where, who and when; never the content (the bot does not even ask for
 * the message content intent, so Discord sends it blank).
 */
export interface SpaceActivity {
  readonly platform: 'discord';
  /** The guild, i.e. the community's external id. */
  readonly communityExternalId: string;
  /** The thread's id; a pair's private thread is its mentorship's `space_id`. */
  readonly spaceId: string;
  readonly authorPlatformUserId: string;
  readonly at: Date;
}

/**
 * The hook the relations feature wires to its `recordSpaceActivity` use case
 * (message count and last activity of a pair, for nudging silent pairs). Until
 * it lands, `startDiscordAdapter` is given none and thread messages are ignored.
 * Called for every human message in any thread the bot can see; the use case
 * decides whether the thread is a pair's space.
 */
export type SpaceActivityRecorder = (activity: SpaceActivity) => Promise<void>;

/** MESSAGE_CREATE: the activity to record, or null when the message is not a person's post in a guild thread. */
export function spaceActivityOf(message: Message): SpaceActivity | null {
  if (!message.inGuild() || !message.channel.isThread() || message.author.bot || message.system) return null;
  return {
    platform: 'discord',
    communityExternalId: message.guildId,
    spaceId: message.channelId,
    authorPlatformUserId: message.author.id,
    at: message.createdAt,
  };
}
