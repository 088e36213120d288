import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { Database, MentorshipStatus } from '../store/database.js';
import type { Kysely } from 'kysely';
import { openStatuses, seatTakingStatuses } from './mentorship.js';
import { sendRequest } from './send-request.js';
import { mentorshipActions, transitionTable, type MentorshipAction } from './transition-table.js';
import { lockMentorship, transition, type TransitionActor } from './transitions.js';

/**
 * Random sequences of actions by random actors (four members with small
 * capacities, an admin, the system) against the real database. Whatever
 * happens, and whether each action is allowed or refused, the invariants hold
 * after every step.
 */

type Who = 'sender' | 'receiver' | 'admin' | 'system' | 0 | 1 | 2 | 3;
type Step =
  | { readonly kind: 'send'; readonly from: number; readonly to: number; readonly asMentor: boolean }
  | { readonly kind: 'act'; readonly pick: number; readonly action: MentorshipAction; readonly who: Who }
  /** An action the table lists from the mentorship's current status, by one of the actors it names: walks deep into the graph. */
  | { readonly kind: 'follow'; readonly pick: number; readonly choice: number };

// Actors are mostly the mentorship's own sides, so sequences reach deep states; any member, the admin and the system too.
const who: fc.Arbitrary<Who> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Who>('sender', 'receiver') },
  { weight: 1, arbitrary: fc.constantFrom<Who>('admin', 'system', 0, 1, 2, 3) },
);
// Accepting opens most of the graph, so it comes up more often than the rest.
const action: fc.Arbitrary<MentorshipAction> = fc.oneof({ weight: 3, arbitrary: fc.constant('accept' as const) }, { weight: 10, arbitrary: fc.constantFrom(...mentorshipActions) });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('send' as const), from: fc.nat(3), to: fc.nat(3), asMentor: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(20), action, who }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('follow' as const), pick: fc.nat(20), choice: fc.nat(100) }) },
);

describe('the state machine under random actions', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-01T12:00:00Z');
  const deps = () => ({ db: database.db, clock });
  const reached = new Set<string>();

  it('never breaks an invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), fc.boolean(), async (steps, approval) => {
        const { db } = database;
        const community = await makeCommunity(db, { withDefaultSkills: false, settings: { requestsNeedAdminApproval: approval, openRelations: { perMentee: 1, perMentor: 2 } } });
        const members: BuiltMember[] = [];
        for (const capacity of [1, 2, 1, 2]) {
          const member = await makeMember(db, community, { skills: [] });
          await db.updateTable('members').set({ mentee_capacity: capacity }).where('id', '=', member.id).execute();
          members.push(member);
        }
        const admin = await makeMember(db, community, { role: 'ADMIN', skills: [] });
        for (const next of steps) {
          await apply(db, community, members, admin, approval, next);
          await checkInvariants(db, community);
        }
      }),
      { numRuns: 40 },
    );
    // The generator walks deep: sequences do reach running and ended relations, not only requests.
    expect(reached.size).toBeGreaterThan(3);
  });

  async function apply(db: Kysely<Database>, community: BuiltCommunity, members: BuiltMember[], admin: BuiltMember, approval: boolean, next: Step): Promise<void> {
    clock.set(new Date(clock.now().getTime() + 3_600_000));
    if (next.kind === 'send') {
      await sendRequest(deps(), actorFor(members[next.from]!), {
        receiverMemberId: members[next.to]!.id,
        values: { senderRole: [next.asMentor ? 'MENTOR' : 'MENTEE'], description: 'Work through a real project together', endDate: '2026-06-30' },
      });
      return;
    }
    const ids = await db.selectFrom('mentorships').select('id').where('community_id', '=', community.id).orderBy('id').execute();
    if (ids.length === 0) return;
    const id = ids[next.pick % ids.length]!.id;
    await db.transaction().execute(async (trx) => {
      const mentorship = (await lockMentorship(trx, community.id, id))!;
      const { action, who } = next.kind === 'act' ? next : follow(mentorship.status, next.choice, approval);
      const side = who === 'sender' ? mentorship.senderId : who === 'receiver' ? mentorship.receiverId : null;
      const actor: TransitionActor =
        who === 'admin' ? { kind: 'admin', memberId: admin.id } : who === 'system' ? { kind: 'system' } : { kind: 'member', memberId: side ?? members[who as number]!.id };
      await transition(trx, { mentorship, action, actor, reason: 'Random step', now: clock.now(), extra: { pausedUntil: '2026-04-15', endDate: '2026-08-01' } });
    });
  }

  function follow(status: MentorshipStatus, choice: number, approval: boolean): { action: MentorshipAction; who: Who } {
    const rules = transitionTable.filter((rule) => rule.from === status && rule.when !== (approval ? 'no-approval' : 'approval-required'));
    const rule = rules[choice % Math.max(rules.length, 1)];
    if (!rule) return { action: 'accept', who: 'receiver' };
    const role = rule.by[choice % rule.by.length]!;
    const who: Who = role === 'ADMIN' ? 'admin' : role === 'SYSTEM' ? 'system' : role === 'SENDER' ? 'sender' : role === 'RECEIVER' ? 'receiver' : choice % 2 === 0 ? 'sender' : 'receiver';
    return { action: rule.action, who };
  }

  async function checkInvariants(db: Kysely<Database>, community: BuiltCommunity): Promise<void> {
    const mentorships = await db.selectFrom('mentorships').select(['id', 'status', 'mentor_id', 'mentee_id']).where('community_id', '=', community.id).execute();
    // Never a mentorship with oneself.
    expect(mentorships.filter((row) => row.mentor_id === row.mentee_id)).toEqual([]);
    // At most one open mentorship per pair, whoever mentors whom.
    const openPairs = mentorships
      .filter((row) => (openStatuses as readonly string[]).includes(row.status))
      .map((row) => [Math.min(row.mentor_id!, row.mentee_id!), Math.max(row.mentor_id!, row.mentee_id!)].join('-'));
    expect(new Set(openPairs).size).toBe(openPairs.length);
    // Seats: a mentor within their capacity (and the community's cap), a mentee within the limit.
    const seats = await db
      .selectFrom('members')
      .select((eb) => [
        'id',
        'mentee_capacity',
        eb.selectFrom('mentorships').select(eb.fn.countAll<string>().as('n')).whereRef('mentor_id', '=', 'members.id').where('status', 'in', [...seatTakingStatuses]).as('as_mentor'),
        eb.selectFrom('mentorships').select(eb.fn.countAll<string>().as('n')).whereRef('mentee_id', '=', 'members.id').where('status', 'in', [...seatTakingStatuses]).as('as_mentee'),
      ])
      .where('community_id', '=', community.id)
      .execute();
    for (const member of seats) {
      expect(Number(member.as_mentor), `mentor ${member.id}`).toBeLessThanOrEqual(Math.min(member.mentee_capacity, 2));
      expect(Number(member.as_mentee), `mentee ${member.id}`).toBeLessThanOrEqual(1);
    }
    // The history tells the whole story: created as PENDING, each event starts where the last ended, the last is the current status.
    const events = await db
      .selectFrom('mentorship_events')
      .innerJoin('mentorships', 'mentorships.id', 'mentorship_events.mentorship_id')
      .select(['mentorship_events.mentorship_id', 'mentorship_events.from_status', 'mentorship_events.to_status'])
      .where('mentorships.community_id', '=', community.id)
      .orderBy('mentorship_events.id')
      .execute();
    for (const mentorship of mentorships) {
      const history = events.filter((event) => event.mentorship_id === mentorship.id);
      expect(history[0]).toMatchObject({ from_status: null, to_status: 'PENDING' });
      history.slice(1).forEach((event, index) => expect(event.from_status).toBe(history[index]!.to_status));
      expect(history.at(-1)!.to_status).toBe(mentorship.status);
    }
    for (const mentorship of mentorships) reached.add(mentorship.status);
  }
});
