import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.js';

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // A proposed new end date waits here until the other side of the pair agrees;
    // one proposal at a time, cleared when it is taken up or the relation ends.
    // A proposer erased meanwhile (SET NULL) leaves a date nobody proposed: read as no proposal.
    `alter table mentorships
      add column extension_end_date date,
      add column extension_proposed_by bigint references members (id) on delete set null`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, ['alter table mentorships drop column extension_proposed_by, drop column extension_end_date']);
}
