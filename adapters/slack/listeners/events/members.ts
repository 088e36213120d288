import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { systemActor } from '../../../../core/access/actor.js';
import { commandCatalog } from '../../../../core/commands/commands.js';
import { welcomeMessage } from '../../../../core/help/welcome-message.js';
import { markMemberLeft } from '../../../../core/members/mark-member-left.js';
import { markMemberReturned } from '../../../../core/members/mark-member-returned.js';
import { slackErrorCode } from '../../errors.js';
import { renderMessage } from '../../slack.renderer.js';
import type { EventContext } from './context.js';

/** The person cannot get a DM from the app; normal, and nobody to tell. */
const unreachable = new Set(['cannot_dm_bot', 'user_not_found', 'user_disabled', 'user_not_visible', 'channel_not_found']);

/**
 * `team_join`: someone joined the workspace. A member who had left comes back
 * (profile kept), and everyone gets a welcome DM pointing at `/mentor join`,
 * unless the program is switched off there. Sent directly rather than through the outbox: the newcomer has no member row
 * yet, and a lost welcome is harmless.
 */
export async function welcomeNewcomer(context: EventContext, { event, body, client }: SlackEventMiddlewareArgs<'team_join'> & AllMiddlewareArgs): Promise<void> {
  const user = event.user;
  if (user.is_bot || user.deleted) return;
  const community = await context.workspaces.communityFor(body.team_id);
  if (!community) return;
  await markMemberReturned(context.deps, systemActor, { communityId: community.id, platformUserId: user.id });
  // A switched-off program invites nobody.
  if (community.status !== 'ACTIVE') return;
  const rendered = renderMessage(welcomeMessage({ communityName: community.name, programName: community.settings.programName, catalog: commandCatalog }));
  try {
    await client.chat.postMessage({ channel: user.id, text: rendered.text, blocks: rendered.blocks });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === null || !unreachable.has(code)) throw error;
    context.log.info({ teamId: body.team_id, userId: user.id, code }, 'welcome DM not sent: the person cannot get DMs from the app');
  }
}

/** `user_change` with `deleted`: the account was deactivated, so the member leaves the program (LEFT, requests withdrawn). */
export async function markDeactivatedMemberLeft(context: EventContext, { event, body }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs): Promise<void> {
  if (!event.user.deleted) return;
  const community = await context.workspaces.communityFor(body.team_id);
  if (!community) return;
  await markMemberLeft(context.deps, systemActor, { communityId: community.id, platformUserId: event.user.id });
}
