/**
 * One message in a private channel or group DM, reduced to what the privacy
 * rules allow the bot to keep: where, who and when; never the text.
 */
export interface SpaceActivity {
  readonly platform: 'slack';
  /** The workspace, i.e. the community's external id. */
  readonly communityExternalId: string;
  /** The channel's id; a pair's private channel (or group DM) is its mentorship's `space_id`. */
  readonly spaceId: string;
  readonly authorPlatformUserId: string;
  readonly at: Date;
}

/**
 * The hook the relations feature wires to its `recordSpaceActivity` use case
 * (one message counted, last activity moved, for nudging silent pairs). Until
 * it lands, `startSlackAdapter` is given none and these messages are ignored.
 * Called for every person's message in a private channel or group DM the bot
 * is in (`message.groups`, `message.mpim`); the use case decides whether the
 * channel is a pair's space.
 */
export type SpaceActivityRecorder = (activity: SpaceActivity) => Promise<void>;

interface MessageEvent {
  readonly type?: string;
  readonly subtype?: string;
  readonly channel_type?: string;
  readonly channel?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly ts?: string;
}

/** Subtypes that are still a person writing (the others are joins, edits, deletions, bot posts). */
const personSubtypes = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/** A `message` event: the activity to record, or null when it is not a person's post in a private channel or group DM. */
export function spaceActivityOf(teamId: string, event: MessageEvent): SpaceActivity | null {
  if (event.type !== 'message' || (event.channel_type !== 'group' && event.channel_type !== 'mpim')) return null;
  if (!personSubtypes.has(event.subtype) || event.bot_id || !event.user || !event.channel) return null;
  const seconds = Number(event.ts);
  return {
    platform: 'slack',
    communityExternalId: teamId,
    spaceId: event.channel,
    authorPlatformUserId: event.user,
    at: Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(),
  };
}
