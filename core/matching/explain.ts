import { mentorshipTypeLabels, type MentorshipType } from '../members/member.js';
import type { Reason } from './score.js';

/**
 * Who reads the explanation: the mentee (about a mentor), the mentor (about a mentee), or an admin
 * looking at the pair from outside.
 */
export type Perspective = 'mentee' | 'mentor' | 'admin';

export interface ExplainOptions {
  readonly perspective: Perspective;
  /** The skill's name for an id; reasons store ids so a renamed skill reads with its new name. */
  readonly skillName: (skillId: number) => string;
  /** How many reasons to keep, largest first; all when absent. */
  readonly limit?: number;
}

/**
 * Turns scored reasons into short plain phrases, largest first: "offers TypeScript at level 4, which
 * you want (level 2)", "2 hours apart", "both prefer code review".
 */
export function explainReasons(reasons: readonly Reason[], options: ExplainOptions): string[] {
  const kept = options.limit === undefined ? reasons : reasons.slice(0, options.limit);
  return kept.map((reason) => explainReason(reason, options));
}

/** {@link explainReasons} joined into one sentence part: "a; b; c". */
export function explainInline(reasons: readonly Reason[], options: ExplainOptions): string {
  return explainReasons(reasons, options).join('; ');
}

function explainReason(reason: Reason, { perspective, skillName }: ExplainOptions): string {
  switch (reason.kind) {
    case 'skill': {
      const skill = skillName(reason.skillId);
      if (perspective === 'mentee') return `offers ${skill} at level ${reason.offeredLevel}, which you want (level ${reason.wantedLevel})`;
      if (perspective === 'mentor') return `wants ${skill} at level ${reason.wantedLevel}, which you offer at level ${reason.offeredLevel}`;
      return `${skill}: offered at level ${reason.offeredLevel}, wanted at level ${reason.wantedLevel}`;
    }
    case 'mentorship-types':
      return `both prefer ${listWords(reason.shared.map(typeLabel))}`;
    case 'availability':
      return `${formatHours(reason.commonHours)} a week free at the same time`;
    case 'timezone':
      return reason.hoursApart === 0 ? 'same timezone' : `${formatHours(reason.hoursApart)} apart`;
    case 'experience': {
      if (reason.seniorPeers) return `both senior (${reason.mentorYears} and ${reason.menteeYears} years): an exchange between peers`;
      const lead = reason.mentorYears - reason.menteeYears;
      if (perspective === 'mentee') return `${plural(lead, 'more year')} of experience than you`;
      if (perspective === 'mentor') return `${plural(lead, 'year')} of experience behind you`;
      return `${plural(lead, 'year')} more experience on the mentor's side`;
    }
    case 'capacity':
      return perspective === 'mentor' ? `you have room for ${plural(reason.spareSeats, 'more mentee')}` : `has room for ${plural(reason.spareSeats, 'more mentee')}`;
    case 'responsiveness':
      if (reason.medianAnswerHours === null) return 'new mentor: no answer history yet';
      return `usually answers requests within ${formatHours(Math.max(1, Math.ceil(reason.medianAnswerHours)))}`;
  }
}

function typeLabel(type: string): string {
  const known = mentorshipTypeLabels[type.toUpperCase().replaceAll('-', '_') as MentorshipType];
  return (known ?? type.replaceAll(/[-_]/g, ' ')).toLowerCase();
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}

function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return rounded === 1 ? '1 hour' : `${rounded} hours`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
