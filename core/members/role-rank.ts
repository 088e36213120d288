import type { MemberRole } from '../store/database.js';

const rank: Record<MemberRole, number> = { REGULAR: 0, ADMIN: 1, OWNER: 2 };

/** Whether someone with `actor`'s role may moderate someone with `target`'s: admins moderate regular members, owners admins too. */
export function outranks(actor: MemberRole, target: MemberRole): boolean {
  return rank[actor] > rank[target];
}
