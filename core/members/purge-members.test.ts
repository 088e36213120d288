import { describe, expect, it } from 'vitest';
import { actorFor, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { systemActor } from '../access/actor.js';
import { purgeMembers } from './purge-members.js';

const now = new Date('2026-06-01T03:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('the monthly purge', () => {
  const database = useTestDatabase();

  it('deletes onboardings never finished in 30 days and members gone past retention, and keeps the rest', async () => {
    const { db } = database;
    const community = await makeCommunity(db);
    const shortRetention = await makeCommunity(db, { settings: { leftMemberRetentionDays: 10 } });

    const staleOnboarding = await makeMember(db, community, { onboardingStep: 'GOALS', createdAt: daysAgo(31) });
    const freshOnboarding = await makeMember(db, community, { onboardingStep: 'PROFILE', createdAt: daysAgo(29) });
    // The owner who installed the bot may take as long as they like.
    const waitingOwner = await makeMember(db, community, { role: 'OWNER', onboardingStep: 'PROFILE', createdAt: daysAgo(200) });
    const leftLongAgo = await makeMember(db, community, { status: 'LEFT', leftAt: daysAgo(91) });
    const leftRecently = await makeMember(db, community, { status: 'LEFT', leftAt: daysAgo(89) });
    const leftShortRetention = await makeMember(db, shortRetention, { status: 'LEFT', leftAt: daysAgo(11) });
    const erased = await makeMember(db, community, { status: 'LEFT', leftAt: daysAgo(400) });
    await db.updateTable('members').set({ erased_at: daysAgo(400) }).where('id', '=', erased.id).execute();
    const active = await makeMember(db, community);
    const history = await makeMentorship(db, community, { mentor: active, mentee: leftLongAgo, status: 'COMPLETED' });

    const purged = await purgeMembers({ db }, systemActor, { now });
    expect(purged.ok && purged.value).toEqual({ unfinishedOnboarding: 1, leftPastRetention: 2 });

    const remaining = await db.selectFrom('members').select('id').where('community_id', 'in', [community.id, shortRetention.id]).execute();
    expect(remaining.map((row) => row.id).sort((a, b) => a - b)).toEqual([freshOnboarding.id, waitingOwner.id, leftRecently.id, erased.id, active.id].sort((a, b) => a - b));
    expect(remaining.map((row) => row.id)).not.toContain(staleOnboarding.id);
    expect(remaining.map((row) => row.id)).not.toContain(leftShortRetention.id);
    // Their mentorships stay, anonymous.
    const kept = await db.selectFrom('mentorships').select(['mentor_id', 'mentee_id']).where('id', '=', history.id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ mentor_id: active.id, mentee_id: null });

    const again = await purgeMembers({ db }, systemActor, { now });
    expect(again.ok && again.value).toEqual({ unfinishedOnboarding: 0, leftPastRetention: 0 });
  });

  it('is for the scheduler only', async () => {
    const community = await makeCommunity(database.db);
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
    const outcome = await purgeMembers({ db: database.db }, owner, { now });
    expect(outcome.ok ? null : outcome.problem.code).toBe('forbidden');
  });
});
