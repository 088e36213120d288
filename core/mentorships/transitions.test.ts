import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeMember, makeMentorship, type BuiltCommunity, type BuiltMember } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import type { ActorKind, MentorshipStatus } from '../store/database.js';
import { mentorshipActions, rulesForAction, ruleFor, transitionTable, type ActorRole, type MentorshipAction, type TransitionRule } from './transition-table.js';
import { lockMentorship, transition, type TransitionActor } from './transitions.js';

/**
 * Every status x action x kind of actor, generated from the table: what the
 * table allows happens (new status, one event saying who, the transition's
 * outbox entries); anything else is answered with the right problem and
 * changes nothing. Run once without and once with admin approval, which only
 * changes where accepting leads.
 */

const statuses: MentorshipStatus[] = ['PENDING', 'AWAITING_APPROVAL', 'ACCEPTED', 'PAUSED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'CANCELLED', 'COMPLETED'];
type Who = 'SENDER' | 'RECEIVER' | 'STRANGER' | 'ADMIN' | 'SYSTEM';
const everyone: Who[] = ['SENDER', 'RECEIVER', 'STRANGER', 'ADMIN', 'SYSTEM'];

const rolesOf: Record<Who, ActorRole[]> = { SENDER: ['SENDER', 'PARTY'], RECEIVER: ['RECEIVER', 'PARTY'], STRANGER: [], ADMIN: ['ADMIN'], SYSTEM: ['SYSTEM'] };
const recordedAs: Record<Who, ActorKind> = { SENDER: 'MEMBER', RECEIVER: 'MEMBER', STRANGER: 'MEMBER', ADMIN: 'ADMIN', SYSTEM: 'SYSTEM' };

/** The outbox entries each transition leaves, by kind, written out on purpose. */
function expectedKinds(rule: TransitionRule, who: Who): string[] {
  switch (rule.action) {
    case 'accept':
      return rule.to === 'ACCEPTED' ? ['dm', 'space.create'] : ['dm'];
    case 'approve':
      return ['dm', 'dm', 'space.create'];
    case 'decline':
      return ['dm', 'dm'];
    case 'reject':
    case 'withdraw':
    case 'expire':
      return ['dm'];
    case 'retract':
      // A member taking their own request back tells the other side; an admin or the system tells both.
      return who === 'ADMIN' || who === 'SYSTEM' ? ['dm', 'dm'] : ['dm'];
    case 'cancel':
      // An admin ending a relation tells both sides; a member ending it tells the other (the answer tells the one acting).
      return who === 'ADMIN' ? ['dm', 'dm', 'space.archive', 'space.post'] : ['dm', 'space.archive', 'space.post'];
    case 'complete':
      // The daily job and an admin alike tell both sides by DM, with the feedback button the archived space no longer offers.
      return ['dm', 'dm', 'space.archive', 'space.post'];
    case 'pause':
    case 'resume':
    case 'extend':
      return ['space.post'];
    case 'reactivate':
      return ['space.post', 'space.reopen'];
  }
}

/** The answer to anything the table does not allow. */
function expectedProblem(status: MentorshipStatus, action: MentorshipAction, roles: readonly ActorRole[], approval: boolean): string {
  const mayAct = (rule: TransitionRule) => rule.by.some((role) => roles.includes(role));
  const here = ruleFor(status, action, approval);
  if (here) return 'forbidden';
  if (rulesForAction(action).some((rule) => rule.to === status && mayAct(rule))) return 'already-done';
  if (rulesForAction(action).some(mayAct)) return 'wrong-state';
  return 'forbidden';
}

const cases = [false, true].flatMap((approval) =>
  statuses.flatMap((status) =>
    mentorshipActions
      // Approval changes only where accepting leads; the rest is covered once.
      .filter((action) => !approval || action === 'accept')
      .flatMap((action) => everyone.map((who) => ({ approval, status, action, who, name: `${approval ? '[approval] ' : ''}${status} --${action}--> by ${who}` }))),
  ),
);

describe('the transition table', () => {
  const database = useTestDatabase();
  const now = new Date('2026-03-01T12:00:00Z');
  const communities = new Map<boolean, { community: BuiltCommunity; stranger: BuiltMember; admin: BuiltMember }>();

  beforeAll(async () => {
    for (const approval of [false, true]) {
      const community = await makeCommunity(database.db, { settings: { requestsNeedAdminApproval: approval }, withDefaultSkills: false });
      communities.set(approval, { community, stranger: await makeMember(database.db, community), admin: await makeMember(database.db, community, { role: 'ADMIN' }) });
    }
  });

  it('lists each status and action at most once per approval setting, and only known actors', () => {
    for (const approval of [false, true]) {
      for (const status of statuses) {
        for (const action of mentorshipActions) {
          const applicable = transitionTable.filter((rule) => rule.from === status && rule.action === action && (!rule.when || rule.when === (approval ? 'approval-required' : 'no-approval')));
          expect(applicable.length, `${status} ${action}`).toBeLessThanOrEqual(1);
        }
      }
    }
    // Seed 003, exactly.
    expect(ruleFor('PENDING', 'accept', false)).toMatchObject({ to: 'ACCEPTED', by: ['RECEIVER'] });
    expect(ruleFor('PENDING', 'reject', false)).toMatchObject({ to: 'REJECTED', by: ['RECEIVER'] });
    // Either side, as the seed says; admins too, acting on a report (this program's extension).
    expect(ruleFor('ACCEPTED', 'cancel', false)).toMatchObject({ to: 'CANCELLED', by: ['PARTY', 'ADMIN'] });
    // The daily job, as the seed says; an admin too, from the admin site (this program's extension).
    expect(ruleFor('ACCEPTED', 'complete', false)).toMatchObject({ to: 'COMPLETED', by: ['SYSTEM', 'ADMIN'] });
    expect(ruleFor('PENDING', 'withdraw', false)).toMatchObject({ to: 'WITHDRAWN', by: ['SENDER'] });
  });

  it.each(cases)('$name', async ({ approval, status, action, who }) => {
    const { db } = database;
    const setup = communities.get(approval)!;
    const mentor = await makeMember(db, setup.community, { skills: [] });
    const mentee = await makeMember(db, setup.community, { skills: [] });
    // The mentee sends.
    const { id } = await makeMentorship(db, setup.community, { mentor, mentee, status, endDate: '2026-06-30' });
    const actor: TransitionActor = {
      SENDER: { kind: 'member', memberId: mentee.id },
      RECEIVER: { kind: 'member', memberId: mentor.id },
      STRANGER: { kind: 'member', memberId: setup.stranger.id },
      ADMIN: { kind: 'admin', memberId: setup.admin.id },
      SYSTEM: { kind: 'system' },
    }[who] as TransitionActor;

    const outcome = await db.transaction().execute(async (trx) => {
      const mentorship = await lockMentorship(trx, setup.community.id, id);
      return transition(trx, { mentorship: mentorship!, action, actor, reason: 'Because it is time', now, extra: { pausedUntil: '2026-04-01', endDate: '2026-07-31' } });
    });

    const row = await db.selectFrom('mentorships').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    const events = await db.selectFrom('mentorship_events').select(['from_status', 'to_status', 'actor_kind', 'actor_member_id', 'reason', 'created_at']).where('mentorship_id', '=', id).execute();
    const outbox = await db.selectFrom('outbox').select(['kind', 'dedupe_key']).where('dedupe_key', 'like', `mentorship:${id}:%`).execute();
    const rule = ruleFor(status, action, approval);
    const allowed = rule !== undefined && rule.by.some((role) => rolesOf[who].includes(role));

    if (allowed) {
      expect(outcome.ok ? outcome.value.to : outcome.problem).toBe(rule.to);
      expect(row.status).toBe(rule.to);
      expect(events).toEqual([
        { from_status: status, to_status: rule.to, actor_kind: recordedAs[who], actor_member_id: actor.kind === 'system' ? null : actor.memberId, reason: 'Because it is time', created_at: now },
      ]);
      expect(outbox.map((entry) => entry.kind).sort()).toEqual(expectedKinds(rule, who));
    } else {
      expect(outcome.ok ? 'changed' : outcome.problem.code).toBe(expectedProblem(status, action, rolesOf[who], approval));
      expect(row.status).toBe(status);
      expect(events).toEqual([]);
      expect(outbox).toEqual([]);
    }
  });
});
