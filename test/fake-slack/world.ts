import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createMemoryCoordination } from '../../adapters/coordination/memory-coordination.js';
import type { SpaceActivityRecorder } from '../../adapters/slack/space-activity.js';
import { startSlackAdapter, type RunningSlackAdapter } from '../../adapters/slack/start.js';
import { commandCatalog } from '../../core/commands/commands.js';
import type { Coordination } from '../../core/ports/coordination.js';
import { systemClock, type Clock } from '../../core/ports/clock.js';
import type { Log } from '../../core/ports/log.js';
import type { Database } from '../../core/store/database.js';
import { FakeSlack, type FakeTeam, type FakeUser, type RecordedCall, type RecordedResponse } from './fake-slack.js';
import {
  blockActionsPayload, commandRequest, eventRequest, interactionRequest, viewSubmissionPayload, type ActionContainer, type SigningOptions, type SlackRequest,
} from './signed-requests.js';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** A log that keeps what it is told, so tests can assert a failure was logged. */
export function recordingLog(): Log & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (fields: object, message: string) => void entries.push({ level, fields: fields as Record<string, unknown>, message });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

/** The HTTP answer the app gave Slack. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  /** The body as JSON (a form's `response_action`), or null when it was empty or text. */
  readonly json: Record<string, unknown> | null;
}

/** A `/mentor …` command sent and everything it caused, once the adapter went quiet. */
export interface CommandExchange {
  readonly answer: Answer;
  readonly triggerId: string;
  readonly responseUrl: string;
  /** Messages posted to this command's response URL. */
  readonly replies: readonly RecordedResponse[];
  /** The `views.open` made with this command's trigger id, if any. */
  readonly opened: RecordedCall | undefined;
}

export interface SlackWorld {
  readonly slack: FakeSlack;
  readonly team: FakeTeam;
  readonly botToken: string;
  /** The workspace's primary owner (single-workspace mode: the program's first OWNER). */
  readonly owner: FakeUser;
  readonly channelId: string;
  readonly signingSecret: string;
  readonly server: FastifyInstance;
  readonly adapter: RunningSlackAdapter;
  readonly coordination: Coordination;
  readonly log: ReturnType<typeof recordingLog>;
  person(name: string): FakeUser;
  signing(overrides?: Partial<SigningOptions>): SigningOptions;
  /** Posts a signed request to `/slack/events` with `inject` and waits until the adapter's work is done. */
  post(request: SlackRequest): Promise<Answer>;
  command(user: FakeUser, text: string, options?: { expireTrigger?: boolean }): Promise<CommandExchange>;
  press(user: FakeUser, actionId: string, container: ActionContainer, selected?: readonly string[]): Promise<{ answer: Answer; triggerId: string }>;
  /** Submits a view the app opened (as the fake stored it) with these answers, by input id. */
  submit(user: FakeUser, view: Record<string, unknown>, values: Readonly<Record<string, string | readonly string[]>>): Promise<Answer>;
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number; team?: FakeTeam }): Promise<Answer>;
  stop(): Promise<void>;
}

export interface SlackWorldOptions {
  readonly db: Kysely<Database>;
  /** Single workspace with SLACK_BOT_TOKEN (default), or OAuth installs with SLACK_CLIENT_ID. */
  readonly mode?: 'single-workspace' | 'multi-workspace';
  readonly clock?: Clock;
  readonly recordSpaceActivity?: SpaceActivityRecorder;
}

export const testSecretKey = 'k'.repeat(64);
export const testPublicUrl = 'https://mentor.example.test';

/**
 * One fake Slack Web API, one workspace with an owner and a channel, the real
 * adapter (Bolt on our receiver) and a Fastify server with its routes: what an
 * end-to-end test file shares. Requests go in with `inject`, signed like
 * Slack signs them; answers come back from the app, calls are recorded by the fake.
 */
export async function startSlackWorld(options: SlackWorldOptions): Promise<SlackWorld> {
  const slack = await FakeSlack.start();
  const { team, botToken } = slack.addTeam({ name: 'Berlin TypeScript Meetup' });
  const owner = slack.addUser(team, 'ada', { isPrimaryOwner: true });
  const channelId = slack.nextId('C');
  const signingSecret = 'test-signing-secret';
  const log = recordingLog();
  const coordination = createMemoryCoordination();
  const multi = options.mode === 'multi-workspace';
  const adapter = await startSlackAdapter({
    config: {
      signingSecret,
      apiUrl: slack.apiUrl,
      publicUrl: testPublicUrl,
      ...(multi ? { clientId: 'client-id', clientSecret: 'client-secret', stateSecret: 'state-secret' } : { botToken }),
    },
    deps: { db: options.db, clock: options.clock ?? systemClock },
    coordination,
    secretKey: testSecretKey,
    logger: log,
    ...(options.recordSpaceActivity ? { recordSpaceActivity: options.recordSpaceActivity } : {}),
  });
  const server = Fastify({ logger: false });
  await server.register(adapter.routes);
  await server.ready();

  const signing = (overrides: Partial<SigningOptions> = {}): SigningOptions => ({ signingSecret, ...overrides });
  const post = async (request: SlackRequest): Promise<Answer> => {
    const response = await server.inject({ method: 'POST', url: '/slack/events', headers: request.headers, payload: request.body });
    await adapter.settled();
    let json: Record<string, unknown> | null = null;
    if (response.headers['content-type']?.toString().startsWith('application/json')) json = response.json<Record<string, unknown>>();
    return { status: response.statusCode, text: response.body, json };
  };

  return {
    slack, team, botToken, owner, channelId, signingSecret, server, adapter, coordination, log, signing, post,
    person: (name) => slack.addUser(team, name),
    async command(user, text, commandOptions = {}) {
      const triggerId = slack.issueTrigger();
      const responseUrl = slack.issueResponseUrl();
      if (commandOptions.expireTrigger) slack.expireTrigger(triggerId);
      const answer = await post(commandRequest({ team, user, command: `/${commandCatalog.name}`, text, channelId, triggerId, responseUrl }, signing()));
      return {
        answer, triggerId, responseUrl,
        replies: slack.responsesTo(responseUrl),
        opened: slack.callsTo('views.open').find((call) => call.args.trigger_id === triggerId),
      };
    },
    async press(user, actionId, container, selected) {
      const triggerId = slack.issueTrigger();
      const answer = await post(interactionRequest(blockActionsPayload({ team, user, actionId, container, triggerId, ...(selected ? { selected } : {}) }), signing()));
      return { answer, triggerId };
    },
    async submit(user, view, values) {
      return post(interactionRequest(viewSubmissionPayload({ team, user, view, values, triggerId: slack.issueTrigger() }), signing()));
    },
    async event(event, eventOptions = {}) {
      return post(eventRequest({ team: eventOptions.team ?? team, eventId: eventOptions.eventId ?? slack.nextId('Ev'), event }, signing(eventOptions.retryNum !== undefined ? { retryNum: eventOptions.retryNum } : {})));
    },
    async stop() {
      await adapter.stop();
      await server.close();
      await coordination.close();
      await slack.close();
    },
  };
}
