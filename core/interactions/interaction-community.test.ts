import { describe, expect, it } from 'vitest';
import { makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { parseInteractionId } from '../interaction-ids.js';
import { communityOfInteraction } from './interaction-community.js';

/** Which community a button pressed in a DM acts in, read from what its id names. */
const database = useTestDatabase();

const communityFor = (platformUserId: string, customId: string, platform: 'discord' | 'slack' = 'discord') =>
  communityOfInteraction(database.db, { platform, platformUserId, id: parseInteractionId(customId) });

describe('communityOfInteraction', () => {
  it('reads the community from the request, session or suggestion the id names', async () => {
    const [first, second] = [await makeCommunity(database.db), await makeCommunity(database.db)];
    const [mentor, mentee] = [await makeMember(database.db, second), await makeMember(database.db, second)];
    await makeMember(database.db, first, { platformUserId: mentor.platformUserId });
    const { id } = await makeMentorship(database.db, second, { mentor, mentee, status: 'PENDING' });
    expect(await communityFor(mentor.platformUserId, `mentor:request:accept:${id}`)).toBe(second.id);
    // Someone in two communities, with nothing to read from the id: it cannot be told.
    expect(await communityFor(mentor.platformUserId, 'mentor:profile:view')).toBeNull();
  });

  it('never answers with a community of another platform, or one that is no longer active', async () => {
    const discord = await makeCommunity(database.db);
    const slack = await makeCommunity(database.db, { platform: 'slack' });
    const uninstalled = await makeCommunity(database.db);
    const person = await makeMember(database.db, discord);
    const [slackMentor, slackMentee] = [await makeMember(database.db, slack), await makeMember(database.db, slack)];
    const onSlack = await makeMentorship(database.db, slack, { mentor: slackMentor, mentee: slackMentee });
    const [oldMentor, oldMentee] = [await makeMember(database.db, uninstalled), await makeMember(database.db, uninstalled)];
    const inactive = await makeMentorship(database.db, uninstalled, { mentor: oldMentor, mentee: oldMentee });
    await database.db.updateTable('communities').set({ status: 'INACTIVE' }).where('id', '=', uninstalled.id).execute();

    // The person's only active community on Discord, not the one the id names.
    expect(await communityFor(person.platformUserId, `mentor:mentorship:pause:${onSlack.id}`)).toBe(discord.id);
    expect(await communityFor(person.platformUserId, `mentor:mentorship:pause:${inactive.id}`)).toBe(discord.id);
    expect(await communityFor(oldMentor.platformUserId, `mentor:mentorship:pause:${inactive.id}`)).toBeNull();
    expect(await communityFor(slackMentor.platformUserId, `mentor:mentorship:pause:${onSlack.id}`, 'slack')).toBe(slack.id);
  });

  it('falls back to the person\'s only community when what the id names is gone, so the button is answered as out of date', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    await database.db.deleteFrom('mentorships').where('id', '=', id).execute();
    expect(await communityFor(mentor.platformUserId, `mentor:request:accept:${id}`)).toBe(community.id);
  });

  it('reads the community of "see other suggestions" from the declined request it names', async () => {
    const [first, second] = [await makeCommunity(database.db), await makeCommunity(database.db)];
    const [mentor, mentee] = [await makeMember(database.db, second), await makeMember(database.db, second)];
    await makeMember(database.db, first, { platformUserId: mentee.platformUserId });
    const { id } = await makeMentorship(database.db, second, { mentor, mentee, status: 'REJECTED' });
    expect(await communityFor(mentee.platformUserId, `mentor:suggestions:next:${id}`)).toBe(second.id);
  });
});
