import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { FakeGateway } from './gateway.js';
import { channelObject, guildCreatePayload, memberObject, messageObject, userObject, type FakeChannel, type FakeGuild, type FakeUser } from './payloads.js';
import { apiError, readRequest, type FailureRule, type FakeResponse, type RecordedRequest } from './rest.js';

export interface FakeDiscordOptions {
  readonly applicationId?: string;
  /** Gateway heartbeat interval; short in tests so heartbeats and ACKs really happen. */
  readonly heartbeatIntervalMs?: number;
}

/**
 * A local Discord for end-to-end tests: REST under `/api/v10` and a gateway
 * WebSocket at `/gateway`, on one port. It keeps a small model (guilds,
 * channels, users), records every REST request, and fails the routes a test
 * asks it to. Point discord.js at it with `rest: { api: fake.apiUrl }`.
 */
export class FakeDiscord {
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly requests: RecordedRequest[] = [];
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  /** Registered application commands: key 'global' or the guild id. */
  readonly commands = new Map<string, unknown[]>();
  readonly gateway: FakeGateway;
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly failuresToServe: FailureRule[] = [];
  private readonly expiredTokens = new Set<string>();
  /** Guilds the bot was in and is not any more (kicked, or left): their channels answer 50001 Missing Access. */
  private readonly guildsLeft = new Set<string>();
  private sequence = 1_300_000_000_000_000_000n;
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.applicationId = options.applicationId ?? this.nextId();
    this.bot = { id: this.applicationId, username: 'Mentor', bot: true };
    this.gateway = new FakeGateway({
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      ready: (identify) => ({
        v: 10,
        user: { ...userObject(this.bot), verified: true, mfa_enabled: false, flags: 0 },
        guilds: [...this.guilds.keys()].map((id) => ({ id, unavailable: true })),
        session_id: `session-${this.nextId()}`,
        resume_gateway_url: this.gatewayUrl,
        shard: identify.shard,
        application: { id: this.applicationId, flags: 0 },
      }),
      guildCreates: () => [...this.guilds.values()].map((guild) => this.guildPayload(guild)),
    });
    this.server = createServer((request, response) => {
      void this.handle(request.method ?? 'GET', request.url ?? '/', request).then(
        (answer) => {
          response.writeHead(answer.status, { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers });
          response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
        },
        (error: Error) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ code: 0, message: `fake discord: ${error.message}` }));
        },
      );
    });
    this.server.on('upgrade', (request, socket, head) => {
      if (request.url?.startsWith('/gateway')) this.gateway.handleUpgrade(request, socket, head);
      else socket.destroy();
    });
    this.events.setMaxListeners(100);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base for `DISCORD_API_URL` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** A new snowflake, increasing. */
  nextId(): string {
    this.sequence += 1n;
    return this.sequence.toString();
  }

  /** Adds a guild to the model; clients that identify afterwards get it in READY and GUILD_CREATE. */
  addGuild(guild: FakeGuild): FakeGuild {
    this.guilds.set(guild.id, guild);
    this.guildsLeft.delete(guild.id);
    for (const channel of guild.channels) this.channels.set(channel.id, channel);
    return guild;
  }

  guildPayload(guild: FakeGuild): Record<string, unknown> {
    return guildCreatePayload(guild);
  }

  /** Adds the bot to a guild again, as someone who manages the server would: the guild is back in the model and the gateway sends GUILD_CREATE. */
  addBotTo(guild: FakeGuild): void {
    this.addGuild(guild);
    this.gateway.dispatch('GUILD_CREATE', this.guildPayload(guild));
  }

  /**
   * Takes the bot out of a guild, as someone who manages the server kicking it
   * (or deleting the server) would: the guild goes from the model, its channels
   * answer 50001 Missing Access, and the gateway sends GUILD_DELETE without `unavailable`.
   */
  removeBotFrom(guild: FakeGuild): void {
    this.guilds.delete(guild.id);
    this.guildsLeft.add(guild.id);
    this.gateway.dispatch('GUILD_DELETE', { id: guild.id });
  }

  /** A Discord outage in a guild: GUILD_DELETE with `unavailable: true`. The bot is still in it; a later GUILD_CREATE brings it back. */
  guildOutage(guild: FakeGuild): void {
    this.gateway.dispatch('GUILD_DELETE', { id: guild.id, unavailable: true });
  }

  /** Takes a user out of a guild's members, as if they left: looking them up there answers 10007 Unknown Member. */
  removeMember(guildId: string, userId: string): void {
    const members = this.guilds.get(guildId)?.members;
    const index = members?.findIndex((member) => member.user.id === userId) ?? -1;
    if (index >= 0) members!.splice(index, 1);
  }

  /** Removes a channel, as if deleted: REST calls on it answer 10003 Unknown Channel. */
  deleteChannel(channelId: string): void {
    this.channels.delete(channelId);
  }

  /** The next `times` requests matching `method` and `path` get `response` instead of the normal answer. */
  fail(match: { method?: string; path: RegExp }, response: FakeResponse, times = 1): void {
    this.failuresToServe.push({ ...match, response, remaining: times });
  }

  /** Interaction responses with this token answer 10062 Unknown interaction, as after Discord's 3 s (or 15 min) window. */
  expireToken(token: string): void {
    this.expiredTokens.add(token);
  }

  /** Requests matching a method and a path pattern, in order. */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  /** Resolves with the first request (already made or future) that matches; rejects after `timeoutMs`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5_000, description = 'a request'): Promise<RecordedRequest> {
    const found = this.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (request: RecordedRequest) => {
        if (!predicate(request)) return;
        clearTimeout(timer);
        this.events.off('request', onRequest);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.events.off('request', onRequest);
        reject(new Error(`fake discord: no ${description} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('request', onRequest);
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(method: string, rawUrl: string, request: Parameters<typeof readRequest>[0]): Promise<FakeResponse> {
    const url = new URL(rawUrl, 'http://fake');
    if (!url.pathname.startsWith('/api/v10/')) return apiError(404, 0, '404: Not Found');
    // discord.js encodes '@original' as '%40original'; paths are recorded decoded.
    const recorded = await readRequest(request, decodeURIComponent(url.pathname.slice('/api/v10'.length)), url.searchParams);
    this.requests.push(recorded);
    try {
      const failure = this.failuresToServe.find((rule) => rule.remaining > 0 && (!rule.method || rule.method === method) && rule.path.test(recorded.path));
      if (failure) {
        failure.remaining--;
        return failure.response;
      }
      return this.route(recorded);
    } finally {
      // After the answer is decided, so a waiter sees the request in `requests` with its outcome settled.
      setImmediate(() => this.events.emit('request', recorded));
    }
  }

  private route(request: RecordedRequest): FakeResponse {
    const { method, path, body } = request;
    const segments = path.split('/').filter(Boolean);
    const [head, first, second, third, fourth] = segments;

    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } } };
    }
    if (head === 'interactions' && third === 'callback' && method === 'POST') {
      if (second && this.expiredTokens.has(second)) return apiError(404, 10062, 'Unknown interaction');
      return { status: 204 };
    }
    if (head === 'webhooks' && first === this.applicationId && second) {
      if (this.expiredTokens.has(second)) return apiError(404, 10015, 'Unknown Webhook');
      if (method === 'POST' && segments.length === 3) return this.message(request, 'followup');
      if ((method === 'PATCH' || method === 'GET') && third === 'messages' && fourth) return this.message(request, fourth);
      if (method === 'DELETE') return { status: 204 };
    }
    if (head === 'applications' && first === this.applicationId && method === 'PUT') {
      const scope = second === 'guilds' && third ? third : 'global';
      const commands = (Array.isArray(body) ? body : (request.body as unknown[] | null) ?? []).map((command) => ({
        ...(command as Record<string, unknown>),
        id: this.nextId(),
        application_id: this.applicationId,
        version: this.nextId(),
        ...(scope === 'global' ? {} : { guild_id: scope }),
      }));
      this.commands.set(scope, commands);
      return { status: 200, body: commands };
    }
    if (head === 'guilds' && first && second === 'members' && third && method === 'GET' && segments.length === 4) {
      const guild = this.guilds.get(first);
      if (!guild) return apiError(404, 10004, 'Unknown Guild');
      const member = guild.members.find((candidate) => candidate.user.id === third);
      return member ? { status: 200, body: memberObject(member.user, { roles: member.roles }) } : apiError(404, 10007, 'Unknown Member');
    }
    if (method === 'DELETE' && head === 'users' && first === '@me' && second === 'guilds' && third && segments.length === 4) {
      // The bot leaves: the guild goes from the model, and the gateway says so as Discord does.
      if (!this.guilds.delete(third)) return apiError(404, 10004, 'Unknown Guild');
      this.guildsLeft.add(third);
      this.gateway.dispatch('GUILD_DELETE', { id: third });
      return { status: 204 };
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipientId = String(body?.recipient_id ?? '');
      const existing = [...this.channels.values()].find((channel) => channel.type === 1 && channel.recipients?.[0]?.id === recipientId);
      const channel = existing ?? { id: this.nextId(), name: '', type: 1, recipients: [{ id: recipientId, username: `user-${recipientId}` }] };
      this.channels.set(channel.id, channel);
      return { status: 200, body: channelObject(channel) };
    }
    if (head === 'channels' && first) {
      const channel = this.channels.get(first);
      if (!channel) return apiError(404, 10003, 'Unknown Channel');
      if (channel.guildId && this.guildsLeft.has(channel.guildId)) return apiError(403, 50001, 'Missing Access');
      if (method === 'GET' && segments.length === 2) return { status: 200, body: channelObject(channel) };
      if (method === 'DELETE' && segments.length === 2) {
        this.deleteChannel(channel.id);
        return { status: 200, body: channelObject(channel) };
      }
      if (method === 'PATCH' && segments.length === 2) {
        if (typeof body?.archived === 'boolean') channel.archived = body.archived;
        if (typeof body?.locked === 'boolean') channel.locked = body.locked;
        return { status: 200, body: channelObject(channel) };
      }
      if (method === 'POST' && second === 'messages') return this.message(request, 'new', channel);
      if (method === 'POST' && second === 'threads') {
        const thread: FakeChannel = {
          id: this.nextId(), name: String(body?.name ?? 'thread'), type: Number(body?.type ?? 12), guildId: channel.guildId, parentId: channel.id,
          ownerId: this.bot.id, invitable: body?.invitable === true,
        };
        this.channels.set(thread.id, thread);
        const guild = channel.guildId ? this.guilds.get(channel.guildId) : undefined;
        guild?.channels.push(thread);
        // Discord tells the thread's creator over the gateway too; without it the client would not know the thread its messages arrive in.
        this.gateway.dispatch('THREAD_CREATE', { ...channelObject(thread), newly_created: true });
        return { status: 201, body: channelObject(thread) };
      }
      if (method === 'PUT' && second === 'thread-members' && third) return { status: 204 };
    }
    return apiError(404, 0, '404: Not Found');
  }

  private message(request: RecordedRequest, id: string, channel?: FakeChannel): FakeResponse {
    const channelId = channel?.id ?? [...this.channels.keys()][0] ?? this.nextId();
    return {
      status: 200,
      body: messageObject({
        id: id === 'new' || id === 'followup' || id === '@original' ? this.nextId() : id,
        channelId,
        ...(channel?.guildId ? { guildId: channel.guildId } : {}),
        author: this.bot,
        body: request.body ?? {},
        ...(channel ? {} : { webhookId: this.applicationId }),
      }),
    };
  }
}
