import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type {
  Coordination,
  Dedupe,
  Lease,
  Locks,
  RateLimiter,
  RateLimitResult,
  ShortLivedValues,
} from '../../core/ports/coordination.js';

/** Connection attempts at start-up before the factory gives up. */
const STARTUP_ATTEMPTS = 3;
/** First reconnect delay; it doubles each attempt up to {@link RETRY_MAX_MS}. */
const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 5_000;
/** A TCP connect that gets no answer (firewalled port) counts as one failed attempt after this. */
const CONNECT_TIMEOUT_MS = 2_000;
/** Covers a server that accepts the socket but never finishes the handshake. */
const STARTUP_DEADLINE_MS = 10_000;
/** Commands fail after this many reconnects instead of queueing while Redis is away. */
const MAX_RETRIES_PER_REQUEST = 2;
/** No command waits longer than this, so a stalled Redis cannot hang a platform acknowledgement. */
const COMMAND_TIMEOUT_MS = 5_000;

// Each script runs atomically inside Redis, so "check the token, then act" cannot
// interleave with another replica taking the lock between the two steps.
const RELEASE_IF_HOLDER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

const EXTEND_IF_HOLDER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

// Fixed window: the first hit creates the counter with the window as its TTL;
// later hits only increment. A counter that somehow lost its TTL gets one again
// rather than refusing the member forever.
const HIT_FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }`;

/** The scripts above, as ioredis exposes them once registered with `defineCommand`. */
type ScriptedRedis = Redis & {
  releaseIfHolder(key: string, token: string): Promise<number>;
  extendIfHolder(key: string, token: string, ttlMs: number): Promise<number>;
  hitFixedWindow(key: string, windowMs: number): Promise<[number, number]>;
};

/** Redis could not be reached at start-up. The message never contains the connection URL. */
export class CoordinationUnavailableError extends Error {
  readonly code = 'COORDINATION_UNAVAILABLE';
  override readonly name = 'CoordinationUnavailableError';
}

export interface RedisCoordinationOptions {
  /** Prepended to every key, so several apps or test runs can share one Redis. Default `mentor:`. */
  keyPrefix?: string;
  /** Receives connection problems. Entries carry the error's code and message, never the URL. */
  logger?: { warn(obj: object, msg: string): void };
}

/**
 * Connects to Redis and returns the replica-safe implementation of {@link Coordination}.
 *
 * Start-up fails fast: the connection is tried {@link STARTUP_ATTEMPTS} times with
 * exponential backoff (200 ms, then 400 ms; a silent TCP connect counts as failed after
 * 2 s) and the promise rejects with a {@link CoordinationUnavailableError} naming the
 * last cause (such as `connect ECONNREFUSED 127.0.0.1:6379`), so a wrong `REDIS_URL`
 * stops the process instead of leaving it half-alive. Once connected, a dropped
 * connection is retried forever with backoff capped at 5 s, and commands issued
 * meanwhile fail after a few retries rather than queueing without bound.
 *
 * The URL may hold a password: it is never logged nor put in an error message.
 */
export async function createRedisCoordination(
  url: string,
  options: RedisCoordinationOptions = {},
): Promise<Coordination> {
  const prefix = options.keyPrefix ?? 'mentor:';
  const redact = secretRedactor(url);
  let connected = false;

  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    retryStrategy(attempt) {
      if (!connected && attempt >= STARTUP_ATTEMPTS) return null;
      return Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), RETRY_MAX_MS);
    },
  }) as ScriptedRedis;

  // Without an 'error' listener ioredis prints every connection error to stderr itself.
  client.on('error', (error: unknown) => {
    options.logger?.warn({ err: describeError(error, redact) }, 'redis connection error');
  });

  await connectOrGiveUp(client, redact);
  connected = true;

  client.defineCommand('releaseIfHolder', { numberOfKeys: 1, lua: RELEASE_IF_HOLDER });
  client.defineCommand('extendIfHolder', { numberOfKeys: 1, lua: EXTEND_IF_HOLDER });
  client.defineCommand('hitFixedWindow', { numberOfKeys: 1, lua: HIT_FIXED_WINDOW });

  // Separate namespaces, so a lock and a stored value may share a caller's key.
  const lockKey = (key: string): string => `${prefix}lock:${key}`;
  const rateKey = (key: string): string => `${prefix}rate:${key}`;
  const seenKey = (key: string): string => `${prefix}seen:${key}`;
  const valueKey = (key: string): string => `${prefix}value:${key}`;

  const locks: Locks = {
    async acquire(key, ttlMs) {
      assertDuration('ttlMs', ttlMs);
      const token = randomUUID();
      const taken = await client.set(lockKey(key), token, 'PX', ttlMs, 'NX');
      if (taken === null) return null;
      const lease: Lease = {
        key,
        token,
        async release() {
          return (await client.releaseIfHolder(lockKey(key), token)) === 1;
        },
        async extend(extendedTtlMs) {
          assertDuration('ttlMs', extendedTtlMs);
          return (await client.extendIfHolder(lockKey(key), token, extendedTtlMs)) === 1;
        },
      };
      return lease;
    },
  };

  const rateLimits: RateLimiter = {
    async hit(key, limit, windowMs): Promise<RateLimitResult> {
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
      }
      assertDuration('windowMs', windowMs);
      const [count, windowLeftMs] = await client.hitFixedWindow(rateKey(key), windowMs);
      const remaining = Math.max(0, limit - count);
      return {
        allowed: count <= limit,
        remaining,
        // PTTL can round down to 0 in the window's last millisecond; a refusal still means "wait".
        retryAfterMs: remaining > 0 ? 0 : Math.max(1, windowLeftMs),
      };
    },
  };

  const dedupe: Dedupe = {
    async firstSeen(key, ttlMs) {
      assertDuration('ttlMs', ttlMs);
      return (await client.set(seenKey(key), '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
  };

  const values: ShortLivedValues = {
    async get(key) {
      return client.get(valueKey(key));
    },
    async set(key, value, ttlMs) {
      assertDuration('ttlMs', ttlMs);
      await client.set(valueKey(key), value, 'PX', ttlMs);
    },
    async delete(key) {
      await client.del(valueKey(key));
    },
    async take(key) {
      return client.getdel(valueKey(key));
    },
  };

  let closing: Promise<void> | undefined;

  return {
    kind: 'redis',
    locks,
    rateLimits,
    dedupe,
    values,
    async ping() {
      const reply = await client.ping();
      if (reply !== 'PONG') throw new Error(`unexpected reply to PING: ${reply}`);
    },
    close() {
      closing ??= client.quit().then(
        () => undefined,
        // quit() fails when the connection is already gone; dropping the socket is all that is left.
        () => client.disconnect(),
      );
      return closing;
    },
  };
}

/**
 * Starts connecting and settles once the client is ready, or once the retry
 * strategy gave up (the client emits 'end') or the deadline passed.
 */
function connectOrGiveUp(client: Redis, redact: (text: string) => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: unknown;
    const onError = (error: unknown): void => {
      lastError = error;
    };
    const onReady = (): void => {
      cleanUp();
      resolve();
    };
    const onEnd = (): void => {
      cleanUp();
      reject(unavailable(`in ${STARTUP_ATTEMPTS} attempts`, lastError, redact));
    };
    const deadline = setTimeout(() => {
      cleanUp();
      client.disconnect();
      reject(unavailable(`within ${STARTUP_DEADLINE_MS} ms`, lastError, redact));
    }, STARTUP_DEADLINE_MS);
    const cleanUp = (): void => {
      clearTimeout(deadline);
      client.off('error', onError).off('ready', onReady).off('end', onEnd);
    };
    client.on('error', onError).once('ready', onReady).once('end', onEnd);
    // connect() rejects on the first failed attempt even though retries follow;
    // the events above carry the outcome.
    client.connect().catch(() => undefined);
  });
}

function unavailable(when: string, cause: unknown, redact: (text: string) => string): CoordinationUnavailableError {
  const detail = cause instanceof Error ? `: ${redact(cause.message)}` : '';
  return new CoordinationUnavailableError(`Could not connect to Redis (REDIS_URL) ${when}${detail}`, {
    cause: describeError(cause, redact),
  });
}

/** A loggable summary of an error: its code and message only, secrets masked. */
function describeError(error: unknown, redact: (text: string) => string): { code?: string; message: string } {
  if (!(error instanceof Error)) return { message: redact(String(error)) };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code, message: redact(error.message) } : { message: redact(error.message) };
}

/**
 * Masks the URL's password wherever it might be echoed back. Errors from the
 * socket or the server do not contain it today; this keeps it that way.
 */
function secretRedactor(url: string): (text: string) => string {
  let secrets: string[] = [];
  try {
    const { password } = new URL(url);
    if (password !== '') secrets = [password, decodeURIComponent(password)];
  } catch {
    // Not a WHATWG URL (ioredis accepts a few other forms): nothing to mask.
  }
  return (text) => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text);
}

function assertDuration(name: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new RangeError(`${name} must be a whole number of milliseconds greater than 0, got ${ms}`);
  }
}
