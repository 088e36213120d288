import type { Kysely } from 'kysely';
import { findCommunity } from '../communities/community.repository.js';
import { findMember } from '../members/member.repository.js';
import type { OutboxItem } from '../ports/delivery.js';
import { zoneOf } from '../sessions/pair-context.js';
import { afterQuietHours, quietHoursOf } from '../sessions/quiet-hours.js';
import { nextDigestTime } from './digest-time.js';
import type { Database } from '../store/database.js';

/**
 * The dispatcher's `deferUntil` for a recipient's preferences. A member who
 * chose a daily or weekly digest gets their direct messages together at their
 * digest time (see `digest-time.ts`), except messages bound to a moment
 * (`timely`: reminders). Then quiet hours: a message that would arrive inside
 * them (their own, else the community's, read on their clock) waits until they
 * end, as a UTC instant that stays right across a DST change. Delivered now
 * (null): other kinds, messages marked `urgent` (the 1-hour session reminder),
 * and recipients the row no longer resolves to, whose delivery fails on its own.
 *
 * Read when the row is claimed rather than when it was queued, so a member
 * who changes their quiet hours is respected for what is already waiting.
 */
export function quietHoursDeferral(db: Kysely<Database>): (item: OutboxItem, now: Date) => Promise<Date | null> {
  return async (item, now) => {
    if (item.kind !== 'dm' || item.payload.urgent === true) return null;
    const recipientId = item.payload.recipientMemberId;
    if (typeof recipientId !== 'number') return null;
    const community = await findCommunity(db, item.communityId);
    const member = community ? await findMember(db, community.id, recipientId) : null;
    if (!community || !member) return null;
    const zone = zoneOf(member, community);
    const digest = member.notificationPreferences.digest;
    const batched = item.payload.timely === true || digest === 'immediate' ? now : nextDigestTime(now, digest, zone);
    const end = afterQuietHours(batched, quietHoursOf(member, community.settings.defaultQuietHours), zone);
    return end > now ? end : null;
  };
}
