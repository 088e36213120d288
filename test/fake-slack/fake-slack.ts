import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';

/** One Web API call the bot made, as the fake received it. */
export interface RecordedCall {
  /** The method, e.g. `chat.postMessage`. */
  readonly method: string;
  /** The arguments, form fields decoded; JSON-valued fields (`view`, `blocks`) parsed. */
  readonly args: Record<string, unknown>;
  /** The bearer token, or null. */
  readonly token: string | null;
  /** What the fake answered. */
  readonly answer: FakeAnswer;
}

/** A message posted to a `response_url`. */
export interface RecordedResponse {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

export interface FakeAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  readonly teamId: string;
  readonly isPrimaryOwner?: boolean;
  readonly isBot?: boolean;
  deleted?: boolean;
}

export interface FakeTeam {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  /** The bot user and bot id of the app in this workspace. */
  readonly botUserId: string;
  readonly botId: string;
}

export interface FakeConversation {
  readonly id: string;
  readonly name?: string;
  readonly kind: 'im' | 'mpim' | 'private' | 'public';
  readonly members: string[];
  archived: boolean;
}

/** Ready-made failures, shaped as Slack answers them. */
export const slackFailures = {
  /** HTTP 429 with `Retry-After` in seconds: the WebClient's WebAPIRateLimitedError. */
  rateLimited: (retryAfterSeconds: number): FakeAnswer => ({ status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfterSeconds) } }),
  /** HTTP 200 with `ok: false`: the WebClient's WebAPIPlatformError with `data.error`. */
  error: (code: string): FakeAnswer => ({ status: 200, body: { ok: false, error: code } }),
  serverError: (): FakeAnswer => ({ status: 503, body: { ok: false, error: 'service_unavailable' } }),
} as const;

interface FailureRule {
  readonly method: string;
  readonly answer: FakeAnswer;
  remaining: number;
}

interface OAuthGrant {
  readonly team: FakeTeam;
  readonly installer: FakeUser;
  readonly botToken: string;
}

/** Methods that need no token (Slack authenticates them by client id and secret). */
const tokenless = new Set(['oauth.v2.access']);
const jsonFields = new Set(['view', 'blocks', 'attachments', 'metadata']);

/**
 * A local Slack Web API for end-to-end tests: `POST /api/<method>` for the
 * methods the bot calls, and response URLs under `/response/<id>`. It keeps a
 * small model (workspaces, users, bot tokens, conversations, trigger ids,
 * views), records every call, and fails the calls a test asks it to. Point
 * the adapter at it with `SLACK_API_URL` (Bolt's `clientOptions.slackApiUrl`).
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly teams = new Map<string, FakeTeam>();
  readonly users = new Map<string, FakeUser>();
  readonly conversations = new Map<string, FakeConversation>();
  /** Views by id, as last opened, pushed, updated or published. */
  readonly views = new Map<string, Record<string, unknown>>();
  private readonly tokens = new Map<string, string>();
  private readonly revokedTokens = new Set<string>();
  private readonly triggers = new Map<string, 'fresh' | 'used' | 'expired'>();
  private readonly expiredResponseUrls = new Set<string>();
  private readonly grants = new Map<string, OAuthGrant>();
  private readonly failures: FailureRule[] = [];
  private readonly events = new EventEmitter();
  private readonly server: Server;
  private sequence = 1000;
  private port = 0;

  private constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        (answer) => {
          response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          response.end(JSON.stringify(answer.body));
        },
        (error: Error) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok: false, error: `fake slack: ${error.message}` }));
        },
      );
    });
    this.events.setMaxListeners(100);
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The Web API base for `SLACK_API_URL`, with its trailing slash. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.sequence.toString(36).toUpperCase()}`;
  }

  /** A workspace with the app installed: its bot token is valid from now on. */
  addTeam(input: { name: string; botToken?: string }): { team: FakeTeam; botToken: string } {
    const team: FakeTeam = { id: this.nextId('T'), name: input.name, domain: input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), botUserId: this.nextId('U'), botId: this.nextId('B') };
    this.teams.set(team.id, team);
    this.users.set(team.botUserId, { id: team.botUserId, name: 'mentor', realName: 'Mentor', teamId: team.id, isBot: true });
    const botToken = input.botToken ?? `xoxb-${team.id}-${this.nextId('')}`;
    this.tokens.set(botToken, team.id);
    return { team, botToken };
  }

  addUser(team: FakeTeam, name: string, extra: { isPrimaryOwner?: boolean } = {}): FakeUser {
    const user: FakeUser = { id: this.nextId('U'), name, realName: name[0]!.toUpperCase() + name.slice(1), teamId: team.id, ...extra };
    this.users.set(user.id, user);
    return user;
  }

  /** A trigger id as Slack puts in a command or interaction: good for one `views.open` until expired. */
  issueTrigger(): string {
    const id = `${this.nextId('')}.${this.nextId('')}.trigger`;
    this.triggers.set(id, 'fresh');
    return id;
  }

  /** The trigger's 3 s are over: `views.open` with it answers `expired_trigger_id`. */
  expireTrigger(triggerId: string): void {
    this.triggers.set(triggerId, 'expired');
  }

  /** A response URL as Slack puts in a command or interaction. */
  issueResponseUrl(): string {
    return `http://127.0.0.1:${this.port}/response/${this.nextId('R')}`;
  }

  /** Posts to this response URL answer 404, as after its 30 minutes. */
  expireResponseUrl(url: string): void {
    this.expiredResponseUrls.add(url.split('/').at(-1) ?? '');
  }

  /** The token stops working: every call with it answers `token_revoked`. */
  revokeToken(token: string): void {
    this.revokedTokens.add(token);
  }

  /** An OAuth code Slack would hand to the redirect URL after `installer` approved the install in `team`. */
  grantInstall(team: FakeTeam, installer: FakeUser, botToken: string): string {
    const code = `code-${this.nextId('')}`;
    this.grants.set(code, { team, installer, botToken });
    return code;
  }

  /** The next `times` calls of `method` get `answer` instead of the normal one. */
  fail(method: string, answer: FakeAnswer, times = 1): void {
    this.failures.push({ method, answer, remaining: times });
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(url: string): RecordedResponse[] {
    const id = url.split('/').at(-1);
    return this.responses.filter((response) => response.id === id);
  }

  /** Resolves with the first call (made already or later) that matches; rejects after `timeoutMs`. */
  waitForCall(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 5_000): Promise<RecordedCall> {
    const found = this.calls.find((call) => call.method === method && predicate(call));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall) => {
        if (call.method !== method || !predicate(call)) return;
        clearTimeout(timer);
        this.events.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.events.off('call', onCall);
        reject(new Error(`fake slack: no matching ${method} call within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('call', onCall);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage): Promise<FakeAnswer> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const raw = await readBody(request);
    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      if (this.expiredResponseUrls.has(id)) return { status: 404, body: { ok: false, error: 'expired_url' } };
      this.responses.push({ id, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      return { status: 200, body: { ok: true } };
    }
    if (!url.pathname.startsWith('/api/')) return { status: 404, body: { ok: false, error: 'unknown_method' } };
    const method = url.pathname.slice('/api/'.length);
    const args = decodeArgs(raw, request.headers['content-type'] ?? '');
    const authorization = request.headers.authorization ?? '';
    const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : null;
    const answer = this.answer(method, args, token);
    const call: RecordedCall = { method, args, token, answer };
    this.calls.push(call);
    setImmediate(() => this.events.emit('call', call));
    return answer;
  }

  private answer(method: string, args: Record<string, unknown>, token: string | null): FakeAnswer {
    const failure = this.failures.find((rule) => rule.remaining > 0 && rule.method === method);
    if (failure) {
      failure.remaining--;
      return failure.answer;
    }
    if (tokenless.has(method)) return this.oauthAccess(args);
    if (!token) return slackFailures.error('not_authed');
    if (this.revokedTokens.has(token)) return slackFailures.error('token_revoked');
    const team = this.teams.get(this.tokens.get(token) ?? '');
    if (!team) return slackFailures.error('invalid_auth');
    const ok = (body: Record<string, unknown> = {}): FakeAnswer => ({ status: 200, body: { ok: true, ...body } });
    const text = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : '');

    switch (method) {
      case 'auth.test':
        return ok({ url: `https://${team.domain}.slack.com/`, team: team.name, user: 'mentor', team_id: team.id, user_id: team.botUserId, bot_id: team.botId, is_enterprise_install: false });
      case 'users.info': {
        const user = this.users.get(text('user'));
        return user && user.teamId === team.id ? ok({ user: userObject(user) }) : slackFailures.error('user_not_found');
      }
      case 'users.list': {
        const members = [...this.users.values()].filter((user) => user.teamId === team.id);
        const start = Number(text('cursor') || 0);
        const limit = Number(text('limit') || 100);
        const page = members.slice(start, start + limit);
        const next = start + limit < members.length ? String(start + limit) : '';
        return ok({ members: page.map(userObject), response_metadata: { next_cursor: next } });
      }
      case 'conversations.open': {
        const ids = text('users').split(',').filter(Boolean);
        if (ids.length === 0) return slackFailures.error('users_list_not_supplied');
        const unknown = ids.find((id) => !this.users.has(id));
        if (unknown) return slackFailures.error('user_not_found');
        if (ids.some((id) => this.users.get(id)?.deleted)) return slackFailures.error('user_disabled');
        const kind = ids.length === 1 ? 'im' : 'mpim';
        const members = [...ids, team.botUserId].sort();
        const existing = [...this.conversations.values()].find((conversation) => conversation.kind === kind && conversation.members.join() === members.join());
        const conversation = existing ?? { id: this.nextId(kind === 'im' ? 'D' : 'G'), kind, members, archived: false };
        this.conversations.set(conversation.id, conversation);
        return ok({ channel: { id: conversation.id } });
      }
      case 'conversations.create': {
        const name = text('name');
        if ([...this.conversations.values()].some((conversation) => conversation.name === name)) return slackFailures.error('name_taken');
        const conversation: FakeConversation = { id: this.nextId('C'), name, kind: args.is_private === 'true' ? 'private' : 'public', members: [team.botUserId], archived: false };
        this.conversations.set(conversation.id, conversation);
        return ok({ channel: { id: conversation.id, name, is_private: conversation.kind === 'private' } });
      }
      case 'conversations.invite': {
        const conversation = this.conversations.get(text('channel'));
        if (!conversation) return slackFailures.error('channel_not_found');
        if (isDirect(conversation)) return slackFailures.error('method_not_supported_for_channel_type');
        if (conversation.archived) return slackFailures.error('is_archived');
        const invited = text('users').split(',').filter(Boolean);
        if (invited.some((id) => !this.users.has(id))) return slackFailures.error('user_not_found');
        const added = invited.filter((id) => !conversation.members.includes(id));
        if (added.length === 0) return slackFailures.error('already_in_channel');
        conversation.members.push(...added);
        return ok({ channel: { id: conversation.id } });
      }
      case 'conversations.archive': {
        const conversation = this.conversations.get(text('channel'));
        if (!conversation) return slackFailures.error('channel_not_found');
        if (isDirect(conversation)) return slackFailures.error('method_not_supported_for_channel_type');
        if (conversation.archived) return slackFailures.error('already_archived');
        conversation.archived = true;
        return ok();
      }
      case 'conversations.unarchive': {
        const conversation = this.conversations.get(text('channel'));
        if (!conversation) return slackFailures.error('channel_not_found');
        if (isDirect(conversation)) return slackFailures.error('method_not_supported_for_channel_type');
        if (!conversation.archived) return slackFailures.error('not_archived');
        conversation.archived = false;
        return ok();
      }
      case 'chat.postMessage': {
        const channel = this.postableChannel(text('channel'), team);
        if (!channel) return slackFailures.error('channel_not_found');
        if (this.conversations.get(channel)?.archived) return slackFailures.error('is_archived');
        return ok({ channel, ts: `${Date.now() / 1000}`, message: { text: args.text, blocks: args.blocks } });
      }
      case 'chat.postEphemeral':
        if (!this.postableChannel(text('channel'), team)) return slackFailures.error('channel_not_found');
        if (!this.users.has(text('user'))) return slackFailures.error('user_not_in_channel');
        return ok({ message_ts: `${Date.now() / 1000}` });
      case 'views.open':
      case 'views.push': {
        const state = this.triggers.get(text('trigger_id'));
        if (state === undefined) return slackFailures.error('invalid_trigger_id');
        if (state === 'expired') return slackFailures.error('expired_trigger_id');
        if (state === 'used') return slackFailures.error('trigger_exchanged');
        this.triggers.set(text('trigger_id'), 'used');
        return ok({ view: this.storeView(this.nextId('V'), args.view) });
      }
      case 'views.update': {
        const id = text('view_id');
        if (!this.views.has(id)) return slackFailures.error('not_found');
        return ok({ view: this.storeView(id, args.view) });
      }
      case 'views.publish':
        if (!this.users.has(text('user_id'))) return slackFailures.error('user_not_found');
        return ok({ view: this.storeView(this.nextId('V'), args.view) });
      default:
        return slackFailures.error('unknown_method');
    }
  }

  private oauthAccess(args: Record<string, unknown>): FakeAnswer {
    const grant = this.grants.get(String(args.code ?? ''));
    if (!grant) return slackFailures.error('invalid_code');
    this.grants.delete(String(args.code));
    this.tokens.set(grant.botToken, grant.team.id);
    return {
      status: 200,
      body: {
        ok: true, app_id: 'A0MENTOR', authed_user: { id: grant.installer.id }, scope: 'commands,chat:write,im:write,users:read', token_type: 'bot',
        access_token: grant.botToken, bot_user_id: grant.team.botUserId, team: { id: grant.team.id, name: grant.team.name }, enterprise: null, is_enterprise_install: false,
      },
    };
  }

  /** A channel id, or a user id (Slack posts those into the app's DM with the user). */
  private postableChannel(channel: string, team: FakeTeam): string | null {
    if (this.conversations.has(channel)) return channel;
    const user = this.users.get(channel);
    if (user && user.teamId === team.id) return `D-${user.id}`;
    return null;
  }

  private storeView(id: string, view: unknown): Record<string, unknown> {
    const stored = { ...(view as Record<string, unknown>), id, hash: this.nextId('h') };
    this.views.set(id, stored);
    return stored;
  }
}

/** A DM or group DM: its members are fixed and it cannot be archived. */
function isDirect(conversation: FakeConversation): boolean {
  return conversation.kind === 'im' || conversation.kind === 'mpim';
}

function userObject(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id, team_id: user.teamId, name: user.name, real_name: user.realName, deleted: user.deleted ?? false, is_bot: user.isBot ?? false,
    is_primary_owner: user.isPrimaryOwner ?? false, is_owner: user.isPrimaryOwner ?? false, profile: { display_name: user.name, real_name: user.realName },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = jsonFields.has(key) ? JSON.parse(value) : value;
  return args;
}
