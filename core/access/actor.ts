import type { MemberRole, MemberStatus } from '../store/database.js';

/** A member's status, or UNREGISTERED for someone the community has not met yet. */
export type ActorStatus = MemberStatus | 'UNREGISTERED';

/** A person acting in one community, as the platform identified them. */
export interface MemberActor {
  readonly kind: 'member';
  readonly communityId: number;
  /** Null until the person has a member row (their first `/mentor join`). */
  readonly memberId: number | null;
  readonly platformUserId: string;
  readonly role: MemberRole;
  readonly status: ActorStatus;
}

/** Scheduled jobs and platform events nobody in particular caused (someone left the server). */
export interface SystemActor {
  readonly kind: 'system';
}

export type Actor = MemberActor | SystemActor;

export const systemActor: SystemActor = { kind: 'system' };

/** A member actor who has a member row: what most use cases act for once authorized. */
export type KnownMemberActor = MemberActor & { readonly memberId: number };
