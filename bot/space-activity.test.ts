import { describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, makeMentorship } from '../test/builders.js';
import { useTestDatabase } from '../test/database.js';
import { recordingLog } from '../test/fake-discord/world.js';
import { spaceActivityRecorder } from './space-activity.js';

describe('the space activity hook', () => {
  const database = useTestDatabase();

  it('counts messages in a running pair’s space, and nothing once the program is switched off', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'ACCEPTED', spaceId: 'thread-1' });
    const record = spaceActivityRecorder({ db: database.db, clock: fixedClock('2026-03-04T12:00:00Z') }, recordingLog());
    const message = { platform: community.platform, communityExternalId: community.externalId, spaceId: 'thread-1', at: new Date('2026-03-04T11:00:00Z') };
    const count = async () => (await database.db.selectFrom('mentorships').select('message_count').where('id', '=', id).executeTakeFirstOrThrow()).message_count;

    await record(message);
    expect(await count()).toBe(1);
    await database.db.updateTable('communities').set({ status: 'INACTIVE', uninstalled_at: new Date('2026-03-04T11:30:00Z') }).where('id', '=', community.id).execute();
    await record(message);
    expect(await count()).toBe(1);
  });
});
