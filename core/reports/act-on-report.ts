import type { Transaction } from 'kysely';
import { authorizeMember } from '../access/authorize.js';
import type { Actor, KnownMemberActor } from '../access/actor.js';
import type { UseCaseName } from '../access/policy.js';
import type { CoreDeps } from '../deps.js';
import { fail, type Outcome } from '../outcome.js';
import type { Database } from '../store/database.js';
import type { ReportRecord } from './report.js';
import { findReport } from './report.repository.js';

export interface ReportContext {
  readonly report: ReportRecord;
  readonly admin: KnownMemberActor;
  readonly now: Date;
}

/**
 * The shape of every admin action on one report: authorize as staff, read
 * the report locked in the admin's community, act in one transaction. A
 * report about the admin themselves is not found for them: another admin
 * handles it.
 */
export async function actOnReport<T>(
  deps: CoreDeps,
  actor: Actor,
  useCase: UseCaseName,
  reportId: number,
  work: (trx: Transaction<Database>, context: ReportContext) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const auth = authorizeMember(actor, useCase);
  if (!auth.ok) return auth;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const report = await findReport(trx, auth.value.communityId, reportId, { lock: true });
    if (!report || report.reportedMemberId === auth.value.memberId) return fail('not-found', 'That report does not exist in this community.');
    return work(trx, { report, admin: auth.value, now });
  });
}

/** Taking any action on an open report puts it under review. */
export async function markInReview(trx: Transaction<Database>, report: ReportRecord): Promise<void> {
  if (report.status === 'OPEN') await trx.updateTable('reports').set({ status: 'IN_REVIEW' }).where('id', '=', report.id).execute();
}
