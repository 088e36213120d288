import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { spaceActivityOf } from '../../space-activity.js';
import type { EventContext } from './context.js';

/**
 * `message.groups` and `message.mpim`: a message in a private channel or group
 * DM the bot is in, passed to the activity hook as a count (never its text).
 * Without a hook (before the relations feature lands) it is ignored. The bot's
 * own posts were dropped already by Bolt's ignoreSelf.
 */
export async function countSpaceMessage(context: EventContext, { event, body }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> {
  if (!context.recordSpaceActivity) return;
  const activity = spaceActivityOf(body.team_id, event);
  if (activity) await context.recordSpaceActivity(activity);
}
