import { describe, expect, it } from 'vitest';
import { expectOk, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { systemActor } from '../access/actor.js';
import { attachSpace } from './mentorship-space.js';
import { recordSpaceActivity } from './record-space-activity.js';

describe('recordSpaceActivity', () => {
  const database = useTestDatabase();
  const deps = () => ({ db: database.db, clock: fixedClock('2026-03-30T12:00:00Z') });

  it('counts for a running or paused mentorship, and stops once it is over (a Slack group DM stays open after the end)', async () => {
    const community = await makeCommunity(database.db, { platform: 'slack' });
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PAUSED' });
    await attachSpace(database.db, id, 'G0PAIR');
    const record = (at: string) => recordSpaceActivity(deps(), systemActor, { communityId: community.id, spaceId: 'G0PAIR', messages: 2, at: new Date(at) });
    const counts = () => database.db.selectFrom('mentorships').select(['message_count', 'last_activity_at']).where('id', '=', id).executeTakeFirstOrThrow();

    expect(expectOk(await record('2026-03-29T10:00:00Z'))).toEqual({ mentorshipId: id });
    await database.db.updateTable('mentorships').set({ status: 'COMPLETED' }).where('id', '=', id).execute();
    expect(expectOk(await record('2026-03-30T10:00:00Z'))).toEqual({ mentorshipId: null });
    expect(await counts()).toEqual({ message_count: 2, last_activity_at: new Date('2026-03-29T10:00:00Z') });
  });
});
