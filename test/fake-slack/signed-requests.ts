import { createHmac } from 'node:crypto';
import type { FakeTeam, FakeUser } from './fake-slack.js';

/** An HTTP request as Slack sends it to the app: headers (signed) and the raw body. */
export interface SlackRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface SigningOptions {
  readonly signingSecret: string;
  /** Unix seconds; now by default. Five minutes off makes a stale request. */
  readonly timestamp?: number;
  /** Signs with this secret instead (a forged request). */
  readonly signWith?: string;
  /** `x-slack-retry-num`: Slack's redelivery of an event it got no 200 for. */
  readonly retryNum?: number;
}

/** Slack's v0 signature: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function signed(contentType: string, body: string, options: SigningOptions): SlackRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signWith ?? options.signingSecret, timestamp, body),
      ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
  };
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** A slash command, form-encoded as Slack posts it. */
export function commandRequest(
  input: { team: FakeTeam; user: FakeUser; command: string; text: string; channelId: string; triggerId: string; responseUrl: string },
  signing: SigningOptions,
): SlackRequest {
  return signed('application/x-www-form-urlencoded', form({
    token: 'deprecated-verification-token', team_id: input.team.id, team_domain: input.team.domain, channel_id: input.channelId, channel_name: 'general',
    user_id: input.user.id, user_name: input.user.name, command: input.command, text: input.text, api_app_id: 'A0MENTOR', is_enterprise_install: 'false',
    response_url: input.responseUrl, trigger_id: input.triggerId,
  }), signing);
}

/** Where a pressed button was: a message in a channel, an open modal, or the App Home. */
export type ActionContainer =
  | { readonly type: 'message'; readonly channelId: string; readonly responseUrl: string }
  | { readonly type: 'view'; readonly view: Record<string, unknown> };

/** An interactivity payload, form-encoded as `payload=<json>`. */
export function interactionRequest(payload: Record<string, unknown>, signing: SigningOptions): SlackRequest {
  return signed('application/x-www-form-urlencoded', form({ payload: JSON.stringify(payload) }), signing);
}

function userPart(team: FakeTeam, user: FakeUser) {
  return { id: user.id, username: user.name, name: user.name, team_id: team.id };
}

/** `block_actions`: a button press, or a choice in a select (`selected`). */
export function blockActionsPayload(input: {
  team: FakeTeam; user: FakeUser; actionId: string; container: ActionContainer; triggerId: string; selected?: readonly string[];
}): Record<string, unknown> {
  const action = input.selected
    ? { type: 'static_select', action_id: input.actionId, block_id: 'actions', selected_option: { value: input.selected[0], text: { type: 'plain_text', text: input.selected[0] } }, action_ts: '1' }
    : { type: 'button', action_id: input.actionId, block_id: 'actions', value: 'pressed', text: { type: 'plain_text', text: 'Button' }, action_ts: '1' };
  const base = {
    type: 'block_actions', team: { id: input.team.id, domain: input.team.domain }, user: userPart(input.team, input.user), api_app_id: 'A0MENTOR', token: 'deprecated',
    trigger_id: input.triggerId, actions: [action], is_enterprise_install: false, enterprise: null,
  };
  if (input.container.type === 'message') {
    return {
      ...base, container: { type: 'message', message_ts: '1.1', channel_id: input.container.channelId, is_ephemeral: true },
      channel: { id: input.container.channelId, name: 'general' }, response_url: input.container.responseUrl, message: { ts: '1.1', text: '', blocks: [] },
    };
  }
  const view = input.container.view;
  return { ...base, container: { type: 'view', view_id: view.id }, view: { ...view, state: { values: {} } } };
}

/**
 * `view_submission` of a view the app opened: the form's answers as Slack
 * puts them in `view.state.values`, by block id and action id, shaped by each
 * input's element type (text, single or multiple choice).
 */
export function viewSubmissionPayload(input: {
  team: FakeTeam; user: FakeUser; view: Record<string, unknown>; values: Readonly<Record<string, string | readonly string[]>>; triggerId: string;
}): Record<string, unknown> {
  const blocks = (input.view.blocks as { type: string; block_id?: string; element?: { type: string; action_id: string } }[] | undefined) ?? [];
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const given = input.values[block.block_id];
    const { type, action_id: actionId } = block.element;
    const option = (value: string) => ({ value, text: { type: 'plain_text', text: value } });
    if (type === 'plain_text_input') values[block.block_id] = { [actionId]: { type, value: typeof given === 'string' && given !== '' ? given : null } };
    else if (type === 'static_select') {
      const first = Array.isArray(given) ? given[0] : given;
      values[block.block_id] = { [actionId]: { type, selected_option: first ? option(first) : null } };
    } else if (type === 'multi_static_select') {
      const list = Array.isArray(given) ? given : typeof given === 'string' && given ? [given] : [];
      values[block.block_id] = { [actionId]: { type, selected_options: list.map(option) } };
    }
  }
  return {
    type: 'view_submission', team: { id: input.team.id, domain: input.team.domain }, user: userPart(input.team, input.user), api_app_id: 'A0MENTOR', token: 'deprecated',
    trigger_id: input.triggerId, is_enterprise_install: false, enterprise: null, response_urls: [],
    view: { ...input.view, state: { values } },
  };
}

/** An Events API envelope (`event_callback`) as JSON. */
export function eventRequest(input: { team: FakeTeam; eventId: string; event: Record<string, unknown> }, signing: SigningOptions): SlackRequest {
  return signed('application/json', JSON.stringify({
    token: 'deprecated', team_id: input.team.id, api_app_id: 'A0MENTOR', type: 'event_callback', event_id: input.eventId, event_time: Math.floor(Date.now() / 1000),
    event: input.event, authorizations: [{ team_id: input.team.id, user_id: input.team.botUserId, is_bot: true, is_enterprise_install: false }], is_ext_shared_channel: false,
  }), signing);
}

/** The Events API's URL check when the request URL is saved in the app settings. */
export function urlVerificationRequest(challenge: string, signing: SigningOptions): SlackRequest {
  return signed('application/json', JSON.stringify({ token: 'deprecated', challenge, type: 'url_verification' }), signing);
}

/** `message_action`: a message shortcut used on a message in a channel. */
export function messageShortcutPayload(input: {
  team: FakeTeam; user: FakeUser; callbackId: string; channelId: string; message: { ts: string; text: string; user?: string; bot_id?: string; thread_ts?: string };
  triggerId: string; responseUrl: string;
}): Record<string, unknown> {
  return {
    type: 'message_action', callback_id: input.callbackId, trigger_id: input.triggerId, response_url: input.responseUrl, message_ts: input.message.ts,
    team: { id: input.team.id, domain: input.team.domain }, user: { id: input.user.id, name: input.user.name, username: input.user.name, team_id: input.team.id },
    channel: { id: input.channelId, name: 'general' }, message: { type: 'message', ...input.message }, action_ts: '1', token: 'deprecated', is_enterprise_install: false,
  };
}
