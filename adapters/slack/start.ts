import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { FastifyPluginAsync } from 'fastify';
import type { CoreDeps } from '../../core/deps.js';
import type { Coordination } from '../../core/ports/coordination.js';
import type { PlatformDelivery } from '../../core/ports/delivery.js';
import type { Log } from '../../core/ports/log.js';
import { createFieldCipher } from '../crypto/field-cipher.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackDelivery } from './dm-delivery.js';
import { dedupeRetriedEvents } from './event-dedupe.js';
import { FastifyReceiver } from './http-receiver.js';
import { createInstallationStore } from './installation-store.js';
import { registerListeners } from './listeners/index.js';
import { createSlackOAuth, type SlackOAuth } from './oauth.js';
import { createSlackRouter } from './router.js';
import { slackRoutes } from './routes.js';
import type { SpaceActivityRecorder } from './space-activity.js';
import { connectSingleWorkspace, multiWorkspaces, type SlackClientOptions, type SlackWorkspaces } from './workspaces.js';

/** The Slack settings (bot/config.ts `slack`, plus PUBLIC_URL). */
export interface SlackAdapterConfig {
  /** Single-workspace mode. */
  readonly botToken?: string | undefined;
  /** HTTP mode: verifies every request. */
  readonly signingSecret?: string | undefined;
  /** Socket Mode (development): events over a WebSocket, no public URL needed. */
  readonly appToken?: string | undefined;
  /** Multi-workspace mode: OAuth install at /slack/install. */
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly stateSecret?: string | undefined;
  /** Web API base, e.g. http://127.0.0.1:PORT/api/ for a local fake; Slack's own by default. */
  readonly apiUrl?: string | undefined;
  readonly publicUrl: string;
}

export interface StartSlackAdapterOptions {
  readonly config: SlackAdapterConfig;
  readonly deps: CoreDeps;
  /** Event dedupe across replicas (Redis, or in-process for one instance). */
  readonly coordination: Pick<Coordination, 'dedupe'>;
  /** The app's secret key (bot/secret-key.ts): seals installation tokens, report details and session notes, signs the OAuth state. */
  readonly secretKey: string;
  readonly logger: Log;
  /** Wired by the relations feature; without it pair-space messages are ignored. See `space-activity.ts`. */
  readonly recordSpaceActivity?: SpaceActivityRecorder;
  /** The clock the signature check reads, in milliseconds (tests make stale requests with it). */
  readonly now?: () => number;
}

export interface RunningSlackAdapter {
  readonly app: App;
  readonly transport: 'http' | 'socket-mode';
  readonly workspaces: SlackWorkspaces;
  /** Register on the web server: `POST /slack/events` (HTTP mode), `/slack/install` and `/slack/oauth_redirect` (multi-workspace). */
  readonly routes: FastifyPluginAsync;
  /** For the outbox dispatcher's `deliveries`. */
  readonly delivery: PlatformDelivery;
  /** Resolves once no request is being worked on (tests wait on it; stop waits on it). */
  settled(): Promise<void>;
  /** Finishes the work in flight and disconnects Socket Mode; safe to call twice. */
  stop(): Promise<void>;
}

/** The Web API client settings for interactive work: a form must open within 3 s, so no retries and no waiting out 429s. */
export function slackClientOptions(apiUrl: string | undefined): SlackClientOptions {
  return { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
}

/**
 * How Slack reaches the app: Socket Mode when an app-level token is set (for
 * development: no public URL), otherwise HTTP at `/slack/events` on our web
 * server, verified with the signing secret.
 */
export function createSlackReceiver(config: SlackAdapterConfig, log: Log, now?: () => number): { receiver: Receiver; http: FastifyReceiver | null } {
  if (config.appToken) {
    const receiver = new SocketModeReceiver({ appToken: config.appToken, logger: boltLogger(log), installerOptions: { clientOptions: slackClientOptions(config.apiUrl) } });
    return { receiver, http: null };
  }
  if (!config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
  const http = new FastifyReceiver({ signingSecret: config.signingSecret, log, ...(now ? { now } : {}) });
  return { receiver: http, http };
}

/**
 * Starts the Slack adapter: the workspaces it serves (one bot token, or
 * OAuth installs), the real Bolt app on our receiver with every listener,
 * and the outbox delivery. In single-workspace mode this checks the token
 * (auth.test) and ensures the workspace's community before resolving; in
 * Socket Mode it connects. HTTP routes are served once the returned
 * `routes` plugin is registered on the web server.
 */
export async function startSlackAdapter(options: StartSlackAdapterOptions): Promise<RunningSlackAdapter> {
  const { config, deps, logger } = options;
  const clientOptions = slackClientOptions(config.apiUrl);
  const cipher = createFieldCipher(options.secretKey);
  let workspaces: SlackWorkspaces;
  let oauth: SlackOAuth | undefined;
  if (config.clientId) {
    if (!config.clientSecret) throw new Error('SLACK_CLIENT_SECRET is required with SLACK_CLIENT_ID');
    const store = createInstallationStore({ db: deps.db, cipher, clock: deps.clock });
    workspaces = multiWorkspaces({ deps, log: logger, store, clientOptions });
    oauth = createSlackOAuth({
      clientId: config.clientId, clientSecret: config.clientSecret, stateSecret: config.stateSecret, secretKey: options.secretKey,
      publicUrl: config.publicUrl, store, workspaces, clientOptions, log: logger,
    });
  } else if (config.botToken) {
    workspaces = await connectSingleWorkspace({ deps, log: logger, botToken: config.botToken, clientOptions });
  } else {
    throw new Error('the Slack adapter needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth installs)');
  }

  const { receiver, http } = createSlackReceiver(config, logger, options.now);
  const app = new App({ receiver, authorize: workspaces.authorize, logger: boltLogger(logger), clientOptions: { ...clientOptions }, convoStore: false });
  app.use(dedupeRetriedEvents(options.coordination.dedupe, logger));
  app.error(async (error) => logger.error({ err: error, code: error.code }, 'Slack request failed inside Bolt'));
  const router = createSlackRouter({ deps, cipher, log: logger, workspaces, publicUrl: config.publicUrl });
  registerListeners(app, router, { deps, log: logger, workspaces, recordSpaceActivity: options.recordSpaceActivity });

  if (!http) await app.start();
  logger.info({ transport: http ? 'http' : 'socket-mode', workspaces: workspaces.mode }, 'Slack adapter ready');

  const delivery = createSlackDelivery({
    db: deps.db,
    botTokenFor: (teamId) => workspaces.botTokenFor(teamId),
    onRevoked: (teamId) => workspaces.revoke(teamId, 'an outbox delivery answered that the token is revoked'),
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    log: logger,
  });
  const routes: FastifyPluginAsync = async (instance) => {
    await instance.register(slackRoutes, { ...(http ? { receiver: http } : {}), ...(oauth ? { oauth } : {}) });
  };
  let stopping: Promise<void> | undefined;
  return {
    app,
    transport: http ? 'http' : 'socket-mode',
    workspaces,
    routes,
    delivery,
    settled: () => http?.settled() ?? Promise.resolve(),
    stop() {
      stopping ??= http ? http.stop() : app.stop().then(() => undefined);
      return stopping;
    },
  };
}
