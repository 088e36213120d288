import type {
  AllMiddlewareArgs, BlockAction, MessageShortcut, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackShortcutMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi,
} from '@slack/bolt';
import { resolveActor } from '../../core/access/resolve-actor.js';
import { commandCatalog } from '../../core/commands/commands.js';
import type { CommunityProfile } from '../../core/communities/community.repository.js';
import type { CoreDeps } from '../../core/deps.js';
import { parseInteractionId } from '../../core/interaction-ids.js';
import type { FieldCipher } from '../../core/ports/field-cipher.js';
import type { Log } from '../../core/ports/log.js';
import { privateMessage, type FormValues } from '../../core/reply.js';
import { publishHome } from './app-home.js';
import { parseCommandText } from './command-text.js';
import { FormNotOpenedError, isRevokedAccess, StaleInteractionError } from './errors.js';
import type { ActionHandler, CommandHandler, HandlerContext, ShortcutHandler } from './handler.js';
import { actionHandlers } from './listeners/actions/handlers.js';
import { commandHandlers } from './listeners/commands/handlers.js';
import { slackHelp } from './listeners/commands/help.js';
import { shortcutHandlers } from './listeners/shortcuts/handlers.js';
import { createResponder, type AckFn, type InteractionSurface, type Responder } from './responder.js';
import { formValues, inputBlockIds, readViewMetadata, type ViewStateValues } from './view-state.js';
import type { SlackWorkspaces } from './workspaces.js';

export interface SlackRouterOptions {
  readonly deps: CoreDeps;
  /** Seals report details and session notes (`adapters/crypto/field-cipher.ts`). */
  readonly cipher: FieldCipher;
  readonly log: Log;
  readonly workspaces: Pick<SlackWorkspaces, 'mode' | 'communityFor' | 'revoke'>;
  /** The app's public base URL (PUBLIC_URL): `/mentor admin` links to `<publicUrl>/login/…`. */
  readonly publicUrl: string;
  /** Defaults to every command in commands.json; tests may narrow it. */
  readonly commands?: ReadonlyMap<string, CommandHandler>;
  readonly actions?: ReadonlyMap<string, ActionHandler>;
  readonly shortcuts?: ReadonlyMap<string, ShortcutHandler>;
}

export interface SlackRouter {
  command(args: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void>;
  action(args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void>;
  view(args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void>;
  messageShortcut(args: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void>;
}

export const routerMessages = {
  notSetUp: 'The mentor app is not set up in this workspace yet. Ask whoever installed it to install it again.',
  stale: 'This button or form is out of date. Run the command again to get a fresh one.',
  formExpired: 'Slack gives an app 3 seconds to open a form, and that time ran out. Run the command again.',
  formFailed: 'Slack did not let me open the form just now. Please try again in a moment.',
  revoked: 'The mentor app lost its access to this workspace. Ask an admin to install it again.',
  switchedOff: (comesBack: string) =>
    `The mentorship program is switched off in this workspace: an owner uninstalled it, so commands, buttons and forms do nothing here. It comes back, with its data, ${comesBack}.`,
  failed: 'Something went wrong on our side. Please try again in a moment; if it keeps happening, tell an admin.',
} as const;

/**
 * What a person is told in a workspace whose community is INACTIVE, for every
 * command, button and form and on the App Home: the program switched off by
 * an owner, and how it comes back in this mode; or the app's access lost.
 */
export function inactiveNotice(community: Pick<CommunityProfile, 'uninstalledAt'>, mode: SlackWorkspaces['mode']): string {
  if (!community.uninstalledAt) return routerMessages.revoked;
  return routerMessages.switchedOff(mode === 'multi-workspace' ? 'when a workspace admin installs the app again' : 'when the person who runs the bot for this workspace turns it back on');
}

/** Who and where, as read from a Bolt payload. */
interface Arrival {
  readonly teamId: string;
  readonly userId: string;
  readonly userName: string;
  readonly kind: string;
}

/**
 * The one interaction router: the `/mentor` command by the subcommand path in
 * its text, buttons and selects by the area and action of their `action_id`,
 * form submissions by their `callback_id` (`core/interaction-ids.ts`),
 * message shortcuts by theirs (the manifest's). It
 * acknowledges commands and buttons before any work (Slack's 3 s), resolves
 * the community and the acting member afresh each time (the core
 * re-authorizes every call with it), does nothing in a workspace whose
 * community is INACTIVE but say so, publishes the App Home again after a
 * button pressed in it, and is the top-level error handler: a
 * failure is logged and answered privately, and the promise never rejects.
 */
export function createSlackRouter(options: SlackRouterOptions): SlackRouter {
  const { deps, cipher, log, workspaces, publicUrl } = options;
  const commands = options.commands ?? commandHandlers;
  const actions = options.actions ?? actionHandlers;
  const shortcuts = options.shortcuts ?? shortcutHandlers;

  async function run(arrival: Arrival, client: webApi.WebClient, respond: Responder, work: (context: HandlerContext) => Promise<void>, placeId?: string): Promise<void> {
    const details = { teamId: arrival.teamId, userId: arrival.userId, kind: arrival.kind };
    try {
      const community = await workspaces.communityFor(arrival.teamId);
      if (!community) return await respond.send(privateMessage([routerMessages.notSetUp]));
      if (community.status !== 'ACTIVE') return await respond.send(privateMessage([inactiveNotice(community, workspaces.mode)]));
      const actor = await resolveActor(deps.db, { communityId: community.id, platformUserId: arrival.userId });
      await work({ deps, cipher, log, client, community, actor, displayName: arrival.userName, respond, publicUrl, ...(placeId ? { placeId } : {}) });
    } catch (error) {
      await answerFailure(error, respond, details);
    } finally {
      // A form nobody answered closes; a command or button was acknowledged at the start.
      await respond.close().catch((error: unknown) => log.warn({ ...details, err: error }, 'could not acknowledge a Slack request'));
    }
  }

  async function answerFailure(error: unknown, respond: Responder, details: Record<string, unknown> & { teamId: string }): Promise<void> {
    let reply: string = routerMessages.failed;
    const revoked = isRevokedAccess(error) || (error instanceof FormNotOpenedError && isRevokedAccess(error.cause));
    if (revoked) {
      log.warn({ ...details, err: error }, 'the workspace revoked the app\'s token');
      await workspaces.revoke(details.teamId, 'a Web API call answered that the token is revoked').catch((second: unknown) => log.error({ ...details, err: second }, 'could not mark the workspace revoked'));
      reply = routerMessages.revoked;
    } else if (error instanceof FormNotOpenedError) {
      log.warn({ ...details, err: error.cause ?? error, reason: error.reason }, 'could not open a Slack form');
      reply = error.reason === 'expired' ? routerMessages.formExpired : routerMessages.formFailed;
    } else if (error instanceof StaleInteractionError) {
      log.info({ ...details, reason: error.message }, 'stale interaction');
      reply = routerMessages.stale;
    } else {
      log.error({ ...details, err: error }, 'Slack interaction failed');
    }
    try {
      await respond.send(privateMessage([reply]));
    } catch (second) {
      log.warn({ ...details, err: second }, 'could not tell the user about the failure');
    }
  }

  return {
    async command({ command, ack, respond, client }) {
      const surface: InteractionSurface = { userId: command.user_id, triggerId: command.trigger_id, responseUrl: command.response_url, channelId: command.channel_id };
      const responder = createResponder({ surface, client, ack: ack as AckFn, respond });
      await responder.defer();
      const arrival = { teamId: command.team_id, userId: command.user_id, userName: command.user_name, kind: 'command' };
      await run(arrival, client, responder, async (context) => {
        const parsed = parseCommandText(commandCatalog, command.text);
        if (parsed.kind === 'invalid') return context.respond.send(privateMessage([`${parsed.problem} Usage: \`${parsed.usage}\``]));
        const handler = parsed.kind === 'command' ? commands.get(parsed.path) : undefined;
        if (parsed.kind === 'unknown' || !handler) {
          const help = slackHelp(context.actor);
          const typed = parsed.kind === 'unknown' ? parsed.typed : parsed.path;
          const lead = typed ? [`\`/${commandCatalog.name} ${typed}\` is not a command I know. `] : [];
          return context.respond.send(help.ok ? { ...help.value, body: [...lead, ...help.value.body] } : privateMessage([...lead]));
        }
        await handler(context, { path: parsed.path, options: parsed.options });
      }, surface.channelId);
    },

    async action({ body, action, ack, respond, client }) {
      const view = body.view ? { id: body.view.id, type: body.view.type === 'home' ? ('home' as const) : ('modal' as const) } : undefined;
      const surface: InteractionSurface = {
        userId: body.user.id,
        triggerId: body.trigger_id,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
        ...(body.channel?.id ? { channelId: body.channel.id } : view?.type === 'modal' ? readViewMetadata(body.view?.private_metadata) : {}),
        ...(view ? { view } : {}),
      };
      const responder = createResponder({ surface, client, ack: ack as AckFn, respond });
      await responder.defer();
      const arrival = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id, userName: body.user.username ?? body.user.name ?? '', kind: 'block_actions' };
      await run(arrival, client, responder, async (context) => {
        const id = parseInteractionId(action.action_id);
        const handler = id ? actions.get(`${id.area}:${id.action}`) : undefined;
        if (!id || !handler) throw new StaleInteractionError(`no handler for action ${action.action_id}`);
        const values: FormValues =
          action.type === 'static_select' ? { selected: action.selected_option ? [action.selected_option.value] : [] }
          : action.type === 'multi_static_select' ? { selected: action.selected_options.map((choice) => choice.value) }
          : {};
        await handler(context, { args: id.args, values });
        // A button in the App Home changed what the home shows (a request accepted, a suggestion declined): publish it again.
        if (view?.type === 'home') {
          await publishHome(deps, client, context.community, arrival.userId).catch((error: unknown) => log.warn({ teamId: arrival.teamId, userId: arrival.userId, err: error }, 'could not republish the App Home'));
        }
      }, surface.channelId);
    },

    async view({ body, view, ack, client }) {
      const metadata = readViewMetadata(view.private_metadata);
      const surface: InteractionSurface = {
        userId: body.user.id,
        triggerId: body.trigger_id,
        ...metadata,
        view: { id: view.id, type: 'modal' },
        submittedInputs: inputBlockIds(view),
      };
      const responder = createResponder({ surface, client, ack: ack as AckFn });
      const arrival = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id, userName: body.user.name ?? '', kind: 'view_submission' };
      await run(arrival, client, responder, async (context) => {
        const id = parseInteractionId(view.callback_id);
        const handler = id ? actions.get(`${id.area}:${id.action}`) : undefined;
        if (!id || !handler) throw new StaleInteractionError(`no handler for form ${view.callback_id}`);
        await handler(context, { args: id.args, values: formValues(view.state.values as ViewStateValues) });
      }, surface.channelId);
    },

    async messageShortcut({ shortcut, ack, respond, client, context: bolt }) {
      const surface: InteractionSurface = { userId: shortcut.user.id, triggerId: shortcut.trigger_id, responseUrl: shortcut.response_url, channelId: shortcut.channel.id };
      const responder = createResponder({ surface, client, ack: ack as AckFn, respond });
      await responder.defer();
      const arrival = { teamId: shortcut.team?.id ?? shortcut.user.team_id ?? '', userId: shortcut.user.id, userName: shortcut.user.username ?? shortcut.user.name, kind: 'message_action' };
      const { message } = shortcut;
      await run(arrival, client, responder, async (context) => {
        const handler = shortcuts.get(shortcut.callback_id);
        if (!handler) throw new StaleInteractionError(`no handler for shortcut ${shortcut.callback_id}`);
        await handler(context, {
          channelId: shortcut.channel.id,
          ts: message.ts,
          text: typeof message.text === 'string' ? message.text : '',
          ...(typeof message.thread_ts === 'string' ? { threadTs: message.thread_ts } : {}),
          ...(message.user ? { authorUserId: message.user } : {}),
          ...(typeof message.bot_id === 'string' ? { botId: message.bot_id } : {}),
          ...(shortcut.team?.domain ? { teamDomain: shortcut.team.domain } : {}),
          ...(bolt.botUserId ? { botUserId: bolt.botUserId } : {}),
        });
      }, surface.channelId);
    },
  };
}
