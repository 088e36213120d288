import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** Discord's JSON error codes the adapter acts on. */
export const discordErrorCodes = {
  unknownChannel: 10003,
  unknownGuild: 10004,
  unknownMember: 10007,
  unknownUser: 10013,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  missingAccess: 50001,
  cannotMessageUser: 50007,
  missingPermissions: 50013,
} as const;

/** Defined in the core, where the shared handlers raise it too. */
export { StaleInteractionError } from '../../core/errors.js';

export function discordErrorCode(error: unknown): number | null {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
}

/**
 * The interaction can no longer be answered: its token expired (3 s to the
 * first answer, 15 min after) or Discord already forgot it. Nobody is left to
 * tell, so it is logged and dropped.
 */
export function isExpiredInteraction(error: unknown): boolean {
  const code = discordErrorCode(error);
  return code === discordErrorCodes.unknownInteraction || code === discordErrorCodes.unknownWebhook;
}

/** A 429 that discord.js was told not to wait out; `retryAfterMs` is Discord's `retry-after`. */
export function rateLimitDelay(error: unknown): number | null {
  return error instanceof RateLimitError ? Math.max(0, Math.ceil(error.retryAfter)) : null;
}

/** Discord's side failed (5xx after discord.js's own retries), so trying later may work. */
export function isServerError(error: unknown): boolean {
  return error instanceof HTTPError || (error instanceof DiscordAPIError && error.status >= 500);
}
