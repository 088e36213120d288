import { fail, ok, type Failure, type Outcome } from '../outcome.js';
import type { Actor, ActorStatus, KnownMemberActor } from './actor.js';
import { policy, type AccessRule, type UseCaseName } from './policy.js';

/**
 * Checks the policy table for one use case. Returns null when the actor may go
 * on, or the `forbidden` failure to return as it is:
 *
 * ```ts
 * const denied = authorize(actor, 'profile.edit');
 * if (denied) return denied;
 * ```
 */
export function authorize(actor: Actor, useCase: UseCaseName): Failure | null {
  const rule: AccessRule = policy[useCase];
  if (actor.kind === 'system') return rule.system ? null : fail('forbidden', 'Only members can do this.');
  if (!rule.statuses.includes(actor.status)) return fail('forbidden', statusMessage[actor.status]);
  if (!rule.roles.includes(actor.role)) {
    return fail('forbidden', rule.roles.length === 1 ? 'Only an owner of this community can do this.' : 'Only admins and owners can do this.');
  }
  return null;
}

// Each says why and what the person can do about it.
const statusMessage: Record<ActorStatus, string> = {
  UNREGISTERED: 'Join the mentorship program first: start with the join command.',
  PENDING_APPROVAL: 'An admin has not approved your membership yet. You can finish your profile meanwhile.',
  ACTIVE: 'This is not available to you.',
  SUSPENDED: 'Your membership is suspended. You can still read the help and export your data; contact an admin about the suspension.',
  LEFT: 'You are no longer a member of this community.',
};

/**
 * {@link authorize} for use cases a member with a row calls: on success, the
 * actor narrowed to one with a member id.
 */
export function authorizeMember(actor: Actor, useCase: UseCaseName): Outcome<KnownMemberActor> {
  const denied = authorize(actor, useCase);
  if (denied) return denied;
  // Rules for members never list UNREGISTERED except onboarding.start, which creates the row itself.
  if (actor.kind !== 'member' || actor.memberId === null) return fail('forbidden', statusMessage.UNREGISTERED);
  return ok({ ...actor, memberId: actor.memberId });
}
