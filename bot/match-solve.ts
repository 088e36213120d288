import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AssignmentProblem } from '../core/matching/assignment-solver.js';
import { solveAssignment } from '../core/matching/assignment-solver.js';

const usage = 'usage: npm run --silent match:solve -- FILE   (FILE holds {"scores": [[number|null, ...], ...], "capacity": [number, ...]})';

const scoreMessage = 'must be a positive number or null';
const capacityMessage = 'must be a non-negative integer';

// zod's number type already refuses NaN and ±Infinity (JSON.parse turns 1e999 into Infinity).
const roundSchema = z
  .object(
    {
      scores: z.array(z.array(z.number({ error: scoreMessage }).positive(scoreMessage).nullable(), { error: 'must be an array' }), {
        error: 'must be an array of rows, one per mentee',
      }),
      capacity: z.array(z.number({ error: capacityMessage }).int(capacityMessage).nonnegative(capacityMessage), {
        error: 'must be an array with one non-negative integer per mentor',
      }),
    },
    { error: 'the file must hold a JSON object {"scores": [...], "capacity": [...]}' },
  )
  .superRefine((round, context) => {
    // With no mentees there are no columns to count, and capacity alone says how many mentors there are.
    const mentorCount = round.scores[0]?.length ?? round.capacity.length;
    round.scores.forEach((row, mentee) => {
      if (row.length !== mentorCount) {
        context.addIssue({ code: 'custom', path: ['scores', mentee], message: `has ${entries(row.length)} but scores[0] has ${entries(mentorCount)}` });
      }
    });
    if (round.capacity.length !== mentorCount) {
      context.addIssue({ code: 'custom', path: ['capacity'], message: `has ${entries(round.capacity.length)} but scores has ${mentorCount} mentor column${mentorCount === 1 ? '' : 's'}` });
    }
  });

function entries(count: number): string {
  return `${count} ${count === 1 ? 'entry' : 'entries'}`;
}

/** A problem with the input the user can fix; reported on one line with exit code 2. */
class InputError extends Error {}

/**
 * `npm run --silent match:solve -- FILE`: solves one matching round exactly and prints
 * `{"assignment": [mentor index or -1 per mentee], "total": number}` on stdout.
 */
function main(argv: string[]): number {
  const [file, ...rest] = argv;
  if (file === undefined || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  try {
    console.log(JSON.stringify(solveAssignment(readRound(file))));
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(`match:solve: ${error.message}`);
    return 2;
  }
}

function readRound(file: string): AssignmentProblem {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${describeReadError(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = roundSchema.safeParse(json);
  if (!parsed.success) {
    const [first, ...others] = parsed.error.issues;
    const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''})` : '';
    throw new InputError(`${file}: ${describeIssue(first!)}${more}`);
  }
  return parsed.data;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}

// Names the place in the file the way a reader would write it: scores[2][5].
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return issue.message;
  const [key, ...indexes] = issue.path;
  return `${String(key)}${indexes.map((index) => `[${String(index)}]`).join('')} ${issue.message}`;
}

// exitCode rather than exit(): a large answer on a pipe must be flushed before the process ends.
process.exitCode = main(process.argv.slice(2));
