import type { IncomingHttpHeaders } from 'node:http';
import { verifySlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Log } from '../../core/ports/log.js';

/** What to send back for one request. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType?: 'application/json' | 'text/plain';
  readonly body: string;
}

export interface FastifyReceiverOptions {
  readonly signingSecret: string;
  readonly log: Log;
  /** Milliseconds since the epoch; the wall clock by default (tests move it to make stale requests). */
  readonly now?: () => number;
  /**
   * How long a request may go unacknowledged before the receiver answers an
   * empty 200 itself. Slack gives up at 3 s (and retries events), so a bit less.
   */
  readonly ackTimeoutMs?: number;
}

/** Slack signs each request with its time; older (or newer) than this and it is refused as a replay. */
export const maxRequestAgeSeconds = 5 * 60;

const empty: HttpAnswer = { status: 200, contentType: 'text/plain', body: '' };
const unauthorized: HttpAnswer = { status: 401, contentType: 'text/plain', body: 'invalid signature' };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answerFor(response: unknown): HttpAnswer {
  if (response === undefined || response === null || response === '') return empty;
  if (typeof response === 'string') return { status: 200, contentType: 'text/plain', body: response };
  return { status: 200, contentType: 'application/json', body: JSON.stringify(response) };
}

/** A form body (`payload=<json>` for interactivity, plain fields for slash commands) or a JSON one. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const fields = new URLSearchParams(raw);
    const payload = fields.get('payload');
    return payload !== null ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(fields);
  }
  const parsed = JSON.parse(raw) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * A Bolt receiver for our own Fastify server: commands, interactivity and
 * events all arrive at `POST /slack/events` (see `routes.ts`), and this turns
 * each into a Bolt event.
 *
 * - Every request must carry a valid `x-slack-signature` of its raw body
 *   made within {@link maxRequestAgeSeconds}, or it gets a 401 and is never parsed.
 * - The HTTP answer leaves when the listener calls `ack()` (its body is the
 *   answer, e.g. `response_action: errors` for a form); the listener's work
 *   goes on after it. That is Bolt's `processBeforeResponse: false`, right for
 *   a long-running server (a FaaS host would freeze the work after the answer).
 * - A request nobody acknowledges gets an empty 200 after `ackTimeoutMs`, so
 *   Slack never retries an event just because a listener was slow.
 * - Retried events (`x-slack-retry-num`) are passed on with their retry
 *   number; the event-id dedupe middleware drops the ones already handled.
 */
export class FastifyReceiver implements Receiver {
  private app: App | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly ackTimeoutMs: number;

  constructor(private readonly options: FastifyReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 2_500;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to start: the web server listens. */
  async start(): Promise<void> {}

  /** Lets the work of requests already acknowledged finish. */
  async stop(): Promise<void> {
    await this.settled();
  }

  /** Resolves once no listener is working any more (tests wait on it after each request). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Whether the request is Slack's: signed with the signing secret, recently. */
  verify(rawBody: string, headers: IncomingHttpHeaders): boolean {
    const signature = header(headers, 'x-slack-signature');
    const timestamp = Number(header(headers, 'x-slack-request-timestamp'));
    if (!signature || !Number.isInteger(timestamp)) return false;
    // Bolt's check only refuses old timestamps; one from the future is a replay waiting to happen too.
    if (Math.abs(Math.floor(this.now() / 1000) - timestamp) > maxRequestAgeSeconds) return false;
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: rawBody,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: this.now(),
      });
      return true;
    } catch {
      return false;
    }
  }

  /** One request to `/slack/events`, answered once verified and acknowledged. */
  async handle(rawBody: string, headers: IncomingHttpHeaders): Promise<HttpAnswer> {
    if (!this.verify(rawBody, headers)) {
      this.options.log.warn({ retryNum: header(headers, 'x-slack-retry-num') }, 'refused a Slack request with a bad or stale signature');
      return unauthorized;
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(rawBody, header(headers, 'content-type') ?? '');
    } catch {
      return { status: 400, contentType: 'text/plain', body: 'unreadable body' };
    }
    if (body.ssl_check !== undefined) return empty;
    if (body.type === 'url_verification') return { status: 200, contentType: 'application/json', body: JSON.stringify({ challenge: body.challenge }) };
    if (!this.app) throw new Error('the Slack receiver was not initialised by a Bolt App');

    const retryNum = Number(header(headers, 'x-slack-retry-num'));
    return this.dispatch(this.app, {
      body,
      ...(Number.isInteger(retryNum) ? { retryNum, retryReason: header(headers, 'x-slack-retry-reason') ?? '' } : {}),
    });
  }

  private dispatch(app: App, event: Omit<ReceiverEvent, 'ack'>): Promise<HttpAnswer> {
    return new Promise((resolve) => {
      let answered = false;
      const answer = (response: HttpAnswer) => {
        if (answered) return false;
        answered = true;
        clearTimeout(timer);
        resolve(response);
        return true;
      };
      const timer = setTimeout(() => {
        if (answer(empty)) this.options.log.warn({ type: event.body.type }, `a Slack request was not acknowledged within ${this.ackTimeoutMs} ms; answered empty`);
      }, this.ackTimeoutMs);
      const ack = async (response?: unknown) => {
        if (!answer(answerFor(response))) this.options.log.warn({ type: event.body.type }, 'a Slack request was acknowledged after its answer had left');
      };
      const work = app
        .processEvent({ ...event, ack })
        .then(
          () => void answer(empty),
          (error: unknown) => {
            this.options.log.error({ err: error, type: event.body.type }, 'Bolt failed to process a Slack request');
            answer({ status: 500, contentType: 'text/plain', body: 'failed' });
          },
        )
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }
}
