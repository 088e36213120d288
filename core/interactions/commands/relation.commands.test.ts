import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeMentorship } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { testCipher } from '../../../test/field-cipher.js';
import type { MemberActor } from '../../access/actor.js';
import { requireCommunity } from '../../communities/community.repository.js';
import type { Problem } from '../../outcome.js';
import { silentLog } from '../../ports/log.js';
import type { Message, ModalSpec } from '../../reply.js';
import type { InteractionContext, InteractionResponder } from '../interaction.js';
import { sharedCommands } from '../registry.js';

/**
 * The relation commands as both adapters run them, against a responder that
 * records the answers: what they say when the mentorship named is in another
 * state, when no pause date could be right, and what `/mentor requests` shows.
 */
const database = useTestDatabase();
const clock = fixedClock('2026-03-01T12:00:00Z');

interface Recorded {
  readonly sent: Message[];
  readonly modals: ModalSpec[];
  readonly problems: Problem[];
}

async function run(actor: MemberActor, path: string, options: Record<string, string> = {}): Promise<Recorded> {
  const recorded: Recorded = { sent: [], modals: [], problems: [] };
  const respond: InteractionResponder = {
    defer: async () => {},
    send: async (message) => void recorded.sent.push(message),
    showModal: async (spec) => void recorded.modals.push(spec),
    problem: async (problem) => void recorded.problems.push(problem),
  };
  const context: InteractionContext = {
    deps: { db: database.db, clock }, cipher: testCipher, log: silentLog, community: await requireCommunity(database.db, actor.communityId), actor, displayName: 'Someone', respond,
  };
  await sharedCommands[path]!(context, { path, options });
  return recorded;
}

const texts = (message: Message | undefined) => JSON.stringify([message?.body, message?.fields]);

async function pair(input: { status?: 'ACCEPTED' | 'PAUSED'; endDate?: string } = {}) {
  const community = await makeCommunity(database.db);
  const mentor = await makeMember(database.db, community, { displayName: 'Ana' });
  const mentee = await makeMember(database.db, community, { displayName: 'Ben' });
  const { id } = await makeMentorship(database.db, community, { mentor, mentee, description: 'Learn Rust lifetimes', ...input });
  return { community, mentor, mentee, id };
}

describe('relation commands', () => {
  it('pause and resume say a named mentorship is in the other state, rather than not theirs', async () => {
    const paused = await pair({ status: 'PAUSED' });
    const pausing = await run(actorFor(paused.mentee), 'pause', { mentorship: 'Ana' });
    expect(pausing.modals).toEqual([]);
    expect(pausing.problems).toEqual([{ code: 'wrong-state', message: 'Your mentorship with Ana ("Learn Rust lifetimes") is paused, not running.' }]);

    const running = await pair();
    const resuming = await run(actorFor(running.mentor), 'resume', { mentorship: 'Ben' });
    expect(resuming.problems).toEqual([{ code: 'wrong-state', message: 'Your mentorship with Ben ("Learn Rust lifetimes") is running, not paused.' }]);
    expect((await run(actorFor(running.mentor), 'resume', { mentorship: 'Zoe' })).problems[0]?.message).toBe('"Zoe" is not one of your mentorships. Leave the option empty to choose from a list.');
  });

  it('pause opens its form for any day before the end date, and says so when none is left', async () => {
    const { mentee } = await pair({ endDate: '2026-06-30' });
    const { modals } = await run(actorFor(mentee), 'pause');
    expect(modals[0]?.inputs[0]).toMatchObject({ id: 'until', placeholder: 'Any day before 2026-06-30', value: '2026-03-15' });

    for (const [endDate, when] of [['2026-03-02', 'tomorrow'], ['2026-03-01', 'today']] as const) {
      const ending = await pair({ endDate });
      const refused = await run(actorFor(ending.mentee), 'pause');
      expect(refused.modals).toEqual([]);
      expect(refused.problems).toEqual([{ code: 'wrong-state', message: `This mentorship ends ${when}, so there is no day left to resume it on before the end. It completes by itself then.` }]);
    }
  });

  it('end asks first without promising an archive a group DM does not have', async () => {
    const { mentee, id } = await pair();
    const { sent } = await run(actorFor(mentee), 'end');
    expect(sent[0]?.actions?.map((action) => action.customId)).toEqual([`mentor:mentorship:end:${id}`, `mentor:mentorship:keep:${id}`]);
    expect(texts(sent[0])).not.toContain('archived');
    expect(texts(sent[0])).toContain('what you wrote in your private space stays readable');
  });

  it('requests shows when each request waiting for the member expires, as the home does', async () => {
    const community = await makeCommunity(database.db);
    const [mentor, mentee] = [await makeMember(database.db, community), await makeMember(database.db, community)];
    const { id } = await makeMentorship(database.db, community, { mentor, mentee, status: 'PENDING' });
    const expiresAt = new Date('2026-03-05T12:00:00Z');
    await database.db.updateTable('mentorships').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    const { sent } = await run(actorFor(mentor), 'requests');
    expect(sent[0]?.fields).toContainEqual({ name: 'Answer before', value: [{ time: expiresAt, style: 'relative' }], inline: true });
  });
});
