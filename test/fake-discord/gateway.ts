import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** Gateway opcodes the fake speaks. */
const op = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;

/** Intents that change what the gateway sends (the rest only gate whole events, which tests choose to send). */
const messageContentIntent = 1 << 15;

export interface Identify {
  readonly token: string;
  readonly intents: number;
  readonly shard: readonly [number, number];
}

export interface GatewayOptions {
  readonly heartbeatIntervalMs: number;
  /** READY's `d`, built when a client identifies. */
  ready(identify: Identify): Record<string, unknown>;
  /** Sent after READY, one GUILD_CREATE each. */
  guildCreates(): Record<string, unknown>[];
}

/**
 * A Discord gateway over WebSocket (v10, JSON, no compression): HELLO, then
 * IDENTIFY, READY and GUILD_CREATE; heartbeats are acknowledged. Tests push
 * dispatches to every identified session.
 */
export class FakeGateway {
  readonly identifies: Identify[] = [];
  heartbeats = 0;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<{ socket: WebSocket; sequence: number; identify: Identify }>();
  private readyWaiters: Array<() => void> = [];

  constructor(private readonly options: GatewayOptions) {
    this.server.on('connection', (socket) => this.accept(socket));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (client) => this.server.emit('connection', client, request));
  }

  /** Resolves once a client has identified and received READY and its guilds. */
  whenIdentified(): Promise<void> {
    if (this.sessions.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends a dispatch (op 0) to every session, as Discord would after a change. */
  dispatch(event: string, data: unknown): void {
    for (const session of this.sessions) this.send(session, event, this.filterForIntents(event, data, session.identify.intents));
  }

  /** Sends raw text, for malformed-frame tests. */
  sendRaw(text: string): void {
    for (const session of this.sessions) session.socket.send(text);
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: op.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
    socket.on('message', (raw) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(raw.toString()) as { op?: number; d?: unknown };
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      if (payload.op === op.heartbeat) {
        this.heartbeats++;
        socket.send(JSON.stringify({ op: op.heartbeatAck, d: null, s: null, t: null }));
      } else if (payload.op === op.identify) {
        const identify = payload.d as Identify;
        this.identifies.push(identify);
        const session = { socket, sequence: 0, identify };
        this.sessions.add(session);
        socket.on('close', () => this.sessions.delete(session));
        this.send(session, 'READY', this.options.ready(identify));
        for (const guild of this.options.guildCreates()) this.send(session, 'GUILD_CREATE', guild);
        for (const resolve of this.readyWaiters) resolve();
        this.readyWaiters = [];
      }
    });
  }

  private send(session: { socket: WebSocket; sequence: number }, event: string, data: unknown): void {
    session.sequence++;
    session.socket.send(JSON.stringify({ op: op.dispatch, t: event, s: session.sequence, d: data }));
  }

  /** Without the MESSAGE_CONTENT intent, Discord blanks the content of messages that do not mention the bot. */
  private filterForIntents(event: string, data: unknown, intents: number): unknown {
    if (event !== 'MESSAGE_CREATE' || (intents & messageContentIntent) !== 0 || typeof data !== 'object' || data === null) return data;
    return { ...data, content: '', embeds: [], attachments: [], components: [] };
  }
}
