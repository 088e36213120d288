import type { IncomingMessage } from 'node:http';

/** One request the bot made, as the fake received it. */
export interface RecordedRequest {
  readonly method: string;
  /** After `/api/v10`, e.g. `/channels/123/messages`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The JSON body, or `payload_json` of a multipart body; null without a body. */
  readonly body: Record<string, unknown> | null;
  readonly files: readonly RecordedFile[];
  readonly authorization: string | null;
}

export interface RecordedFile {
  readonly name: string;
  readonly contentType: string;
  readonly text: string;
}

/** What the fake answers: a status, a JSON body (or none) and headers. */
export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A failure the test asked for, consumed by the next matching requests. */
export interface FailureRule {
  readonly method?: string;
  readonly path: RegExp;
  readonly response: FakeResponse;
  remaining: number;
}

/** Discord's JSON error body: `{ code, message }`, the shape discord.js turns into a DiscordAPIError. */
export function apiError(status: number, code: number, message: string): FakeResponse {
  return { status, body: { code, message } };
}

/** Ready-made failures, with Discord's own codes and messages. */
export const failures = {
  /** A 429 with `retry-after` in seconds, as a per-route (not global) limit. */
  rateLimited: (retryAfterSeconds: number): FakeResponse => ({
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
  }),
  dmsClosed: (): FakeResponse => apiError(403, 50007, 'Cannot send messages to this user'),
  unknownChannel: (): FakeResponse => apiError(404, 10003, 'Unknown Channel'),
  unknownInteraction: (): FakeResponse => apiError(404, 10062, 'Unknown interaction'),
  missingAccess: (): FakeResponse => apiError(403, 50001, 'Missing Access'),
  serverError: (): FakeResponse => ({ status: 502, body: { message: 'Bad Gateway', code: 0 } }),
} as const;

/** Reads a request body: JSON, or multipart with `payload_json` and `files[n]` parts. */
export async function readRequest(request: IncomingMessage, path: string, query: URLSearchParams): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = request.headers['content-type'] ?? '';
  let body: Record<string, unknown> | null = null;
  const files: RecordedFile[] = [];
  if (raw.length > 0 && contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as Record<string, unknown>;
      else if (typeof value !== 'string') files.push({ name: value.name, contentType: value.type, text: await value.text() });
    }
  } else if (raw.length > 0) {
    body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  }
  return { method: request.method ?? 'GET', path, query, body, files, authorization: request.headers.authorization ?? null };
}
