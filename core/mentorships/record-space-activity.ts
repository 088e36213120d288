import { sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, ok, type Outcome } from '../outcome.js';

const activityInput = z.object({
  communityId: z.int().positive(),
  spaceId: z.string().min(1).max(100),
  messages: z.int().min(1).max(10_000),
  at: z.date(),
});

/**
 * Adapters report messages posted in a pair's space as a count and a time,
 * never the text (privacy by design: the bot stores activity, not content).
 * The silent-pair job reads what this keeps. A space no mentorship owns
 * (another channel, a space already detached) is ignored, and so is the space
 * of a mentorship that is over: a Slack group DM cannot be archived, so the
 * pair may keep talking there, and a new mentorship between the same two
 * opens the same group DM again; only the running one counts. Reports may
 * arrive out of order, so the last activity only ever moves forward.
 */
export async function recordSpaceActivity(
  deps: CoreDeps,
  actor: Actor,
  input: { communityId: number; spaceId: string; messages: number; at: Date },
): Promise<Outcome<{ mentorshipId: number | null }>> {
  const denied = authorize(actor, 'mentorships.record-activity');
  if (denied) return denied;
  const parsed = activityInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { communityId, spaceId, messages, at } = parsed.data;
  const row = await deps.db
    .updateTable('mentorships')
    .set({
      message_count: sql<number>`message_count + ${messages}`,
      last_activity_at: sql<Date>`greatest(coalesce(last_activity_at, ${at}), ${at})`,
    })
    .where('community_id', '=', communityId)
    .where('space_id', '=', spaceId)
    .where('status', 'in', ['ACCEPTED', 'PAUSED'])
    .returning('id')
    .executeTakeFirst();
  return ok({ mentorshipId: row?.id ?? null });
}
