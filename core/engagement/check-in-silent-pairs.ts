import { authorize } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import { requireCommunity } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import { listActiveMembers } from '../members/member.repository.js';
import { localToday } from '../mentorships/calendar.js';
import { findSilentMentorships } from '../mentorships/find-silent-mentorships.js';
import { enqueue } from '../outbox/enqueue.js';
import { ok, type Outcome } from '../outcome.js';
import { engagementNotices } from './engagement-messages.js';

const day = 86_400_000;

/**
 * Running relations quiet for the community's silent-pair days: both members
 * get a friendly check-in; a pair still quiet as many days again is named to
 * the community's active admins and owners.
 *
 * Each silence is one period, keyed by the day it began (the last message in
 * the space, else the start of the relation), so a pair that talks again and
 * later falls quiet is checked on again, while repeated runs within one period
 * send nothing twice. The admins are told only once a check-in of the same
 * period was queued by an earlier run (or nobody could receive one), so a
 * pair found already long quiet is asked before it is reported. Members who
 * turned reminders off get no check-in; quiet hours are the dispatcher's.
 */
export async function checkInSilentPairs(deps: CoreDeps, actor: Actor, input: { communityId: number; asOf?: Date }): Promise<Outcome<{ checkedIn: number; reported: number }>> {
  const denied = authorize(actor, 'engagement.check-in-silent-pairs');
  if (denied) return denied;
  const asOf = input.asOf ?? deps.clock.now();
  const community = await requireCommunity(deps.db, input.communityId);
  const days = community.settings.reminders.silentPairDays;
  const silent = await findSilentMentorships(deps, actor, { communityId: community.id, days, asOf });
  if (!silent.ok) return silent;
  const counts = { checkedIn: 0, reported: 0 };

  await deps.db.transaction().execute(async (trx) => {
    const staff = await listActiveMembers(trx, community.id, { roles: ['ADMIN', 'OWNER'] });
    for (const pair of silent.value) {
      const period = `silent:${pair.mentorshipId}:${localToday(pair.quietSince, community.timezone)}`;
      const quietDays = Math.floor((asOf.getTime() - pair.quietSince.getTime()) / day);
      const ids = [pair.mentorId, pair.menteeId].filter((id): id is number => id !== null);
      const members = await listActiveMembers(trx, community.id, { ids });
      const mentor = members.find((member) => member.id === pair.mentorId) ?? null;
      const mentee = members.find((member) => member.id === pair.menteeId) ?? null;
      const recipients = members.filter((member) => member.notificationPreferences.channels.reminders !== 'off');
      const checkInKeys = recipients.map((member) => `${period}:nudge:${member.id}`);
      const checkedInBefore = checkInKeys.length === 0 || (await trx.selectFrom('outbox').select('id').where('dedupe_key', 'in', checkInKeys).executeTakeFirst()) !== undefined;

      for (const member of recipients) {
        const other = member.id === pair.mentorId ? mentee : mentor;
        const message = engagementNotices.checkIn(pair.mentorshipId, other, quietDays);
        if (await enqueue(trx, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: member.id, message }, dedupeKey: `${period}:nudge:${member.id}` })) counts.checkedIn++;
      }
      if (!checkedInBefore || quietDays < 2 * days) continue;
      for (const admin of staff) {
        const message = engagementNotices.silentPair(mentor, mentee, quietDays);
        if (await enqueue(trx, { communityId: community.id, kind: 'dm', payload: { recipientMemberId: admin.id, message }, dedupeKey: `${period}:admins:${admin.id}` })) counts.reported++;
      }
    }
  });
  return ok(counts);
}
