import type { Outcome } from '../outcome.js';
import type { CommunityJobContext, JobDefinition } from './job.js';

/**
 * A per-community job that is one call into the core as the system actor. The
 * system actor is always allowed, so a refusal is a bug: it throws, and the
 * scheduler records the error in job_runs. A success logs the use case's counts.
 */
export function communityJob<T extends object>(
  name: string,
  schedule: Extract<JobDefinition, { perCommunity: true }>['schedule'],
  work: (context: CommunityJobContext) => Promise<Outcome<T>>,
): JobDefinition {
  return {
    name,
    perCommunity: true,
    schedule,
    async run(context) {
      const outcome = await work(context);
      if (!outcome.ok) throw new Error(`${name} refused: ${outcome.problem.message}`);
      context.log.info({ community: context.community.id, ...outcome.value }, `${name} done`);
    },
  };
}
