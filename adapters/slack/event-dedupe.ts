import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Dedupe } from '../../core/ports/coordination.js';
import type { Log } from '../../core/ports/log.js';

/**
 * How long an event id is remembered. Slack retries an event it got no 200
 * for three times: at once, after about a minute and after about five; an
 * hour covers those with room for a slow queue or clock skew between replicas.
 */
export const eventDedupeTtlMs = 60 * 60 * 1000;

/**
 * Bolt middleware that lets each Events API event through once, by its
 * `event_id`, however many times Slack delivers it (`x-slack-retry-num`) and
 * whichever replica it reaches (the dedupe marks live in Redis when several
 * run). It sits in Bolt rather than the HTTP receiver, so Socket Mode
 * redeliveries are dropped the same way. Events are acknowledged before
 * middleware runs, so a dropped retry still gets its 200.
 *
 * If the dedupe store is down, the event is handled anyway: a rare double
 * effect is better than a lost one, and the effects themselves are idempotent
 * where it matters (ensure, mark, publish).
 */
export function dedupeRetriedEvents(dedupe: Dedupe, log: Log): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    let first = true;
    try {
      first = await dedupe.firstSeen(`slack:event:${eventId}`, eventDedupeTtlMs);
    } catch (error) {
      log.warn({ err: error, eventId }, 'Slack event dedupe unavailable; handling the event anyway');
    }
    if (!first) {
      log.info({ eventId, retryNum: context.retryNum }, 'dropped a Slack event already handled (a retry)');
      return;
    }
    await next();
  };
}
