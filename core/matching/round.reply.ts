import { interactionId } from '../interaction-ids.js';
import { privateMessage, type Message, type MessageField, type RichText } from '../reply.js';
import type { RoundStats, UnmatchedReason } from './round-plan.js';
import { formatScore } from './suggestion.reply.js';

const reasonText: Record<UnmatchedReason, string> = {
  'no-mentor-offers': 'nobody in the community offers the skills you want at your level yet',
  'mentors-full': 'the mentors who offer what you want are full, pausing, or sitting this round out',
  'excluded-pairs': 'the mentors with a free seat are people you declined, blocked or already worked with',
  'seats-taken': 'the mentors who fit you had their seats go to mentees they fit even better',
  'no-mentee-wants': 'no mentee in this round wants a skill you offer at a level you reach',
  'mentees-matched-elsewhere': 'the mentees who fit you were each matched with a mentor who fits them better',
  'paired-other-way': 'you and the member who fits you are paired the other way round in this round, and a round suggests each pair one way only',
  'suggestions-off': 'you turned match suggestions off in your notification settings',
};

/**
 * Reasons nobody is messaged about: a member who turned suggestions off asked for no such message, and
 * one paired the other way round already has that pair's DM.
 */
export const unmatchedReasonsNotSent: ReadonlySet<UnmatchedReason> = new Set<UnmatchedReason>(['suggestions-off', 'paired-other-way']);

/** Short labels for admins (the chat preview and the admin site). */
export const unmatchedReasonLabels: Record<UnmatchedReason, string> = {
  'no-mentor-offers': 'no mentor offers the wanted skill',
  'mentors-full': 'all suitable mentors full',
  'excluded-pairs': 'only excluded pairs',
  'seats-taken': 'seats went to better fits',
  'no-mentee-wants': 'mentor: no mentee wants their skills',
  'mentees-matched-elsewhere': 'mentor: mentees matched elsewhere',
  'paired-other-way': 'paired the other way round',
  'suggestions-off': 'turned match suggestions off',
};

/** What an admin sees before running a round: the counts, why people stay unmatched, the scores. */
export function roundPreviewMessage(roundId: number, scheduledFor: Date, stats: RoundStats): Message {
  const fields: MessageField[] = [
    { name: 'Taking part', value: [`${stats.eligibleMentees} mentees, ${stats.eligibleMentors} mentors with ${stats.seats} free seats; ${stats.allowedPairs} possible pairs`] },
    { name: 'Matched', value: [`${stats.matched} pairs, total score ${formatScore(stats.totalScore)}`], inline: true },
    {
      name: 'Greedy comparison',
      value: [`taking the best pairs first would give ${formatScore(stats.greedy.total)} (${stats.greedy.lossPercent.toFixed(1)}% less, ${stats.greedy.matched} pairs)`],
      inline: true,
    },
  ];
  if (stats.removedDirections > 0) {
    const pairs = stats.removedDirections === 1 ? '1 pair of members who could mentor each other was' : `${stats.removedDirections} pairs of members who could mentor each other were`;
    fields.push({ name: 'One way only', value: [`${pairs} suggested one way only`] });
  }
  const unmatched = Object.entries(stats.unmatchedByReason) as [UnmatchedReason, number][];
  fields.push({ name: 'Unmatched', value: [unmatched.length === 0 ? 'nobody' : unmatched.map(([reason, count]) => `${count}: ${unmatchedReasonLabels[reason]}`).join('\n')] });
  if (stats.scores) {
    const { min, median, max, histogram } = stats.scores;
    fields.push({
      name: 'Pair scores',
      value: [`min ${formatScore(min)}, median ${formatScore(median)}, max ${formatScore(max)}\n` + histogram.map((bucket) => `${formatScore(bucket.from)}-${formatScore(bucket.to)}: ${bucket.count}`).join('\n')],
    });
  }
  return privateMessage(['Preview of the matching round due ', { time: scheduledFor, style: 'full' }, '. Nothing is sent until the round runs.'], {
    title: 'Matching round preview',
    fields,
    actions: [{ type: 'button', customId: interactionId('round', 'run', roundId), label: 'Run this round', style: 'primary' }],
  });
}

/** The DM each side of a proposed pair gets, with Accept and Decline. */
export function roundPairMessage(input: { side: 'mentor' | 'mentee'; otherPlatformUserId: string; score: number; explanation: string; suggestionId: number }): Message {
  const body: RichText = [
    'This matching round suggests ',
    { mention: input.otherPlatformUserId },
    input.side === 'mentee' ? ' as your mentor' : ' as your mentee',
    ` (score ${formatScore(input.score)}): ${input.explanation}. Accept to open the request form, already filled in; decline and we never suggest this pair again.`,
  ];
  return privateMessage(body, {
    title: 'Your match in this round',
    actions: [
      { type: 'button', customId: interactionId('suggestion', 'accept', input.suggestionId), label: 'Accept', style: 'success' },
      { type: 'button', customId: interactionId('suggestion', 'decline', input.suggestionId), label: 'Decline', style: 'secondary' },
    ],
  });
}

/** The DM a member left without a partner gets: why, what helps, and when the next round is. */
export function roundUnmatchedMessage(reason: UnmatchedReason, nextRound: Date | null): Message {
  const hint =
    reason === 'no-mentor-offers' || reason === 'no-mentee-wants'
      ? ' Adding skills (or adjusting levels) in your profile widens your matches.'
      : ' You can also ask for suggestions any time with the suggest command.';
  const when: RichText = nextRound ? [' The next round is ', { time: nextRound, style: 'full' }, '.'] : [' An admin will announce the next round.'];
  return privateMessage([`This matching round found no partner for you: ${reasonText[reason]}.${hint}`, ...when], { title: 'No match this round' });
}

/** The heads-up a day before a round, with a button to sit it out. */
export function roundHeadsUpMessage(roundId: number, scheduledFor: Date, sides: string): Message {
  return privateMessage(['A matching round runs ', { time: scheduledFor, style: 'relative' }, ` (`, { time: scheduledFor, style: 'full' }, `). You take part as ${sides}. Not a good time? Skip this round and stay in the next ones.`], {
    title: 'Matching round tomorrow',
    actions: [{ type: 'button', customId: interactionId('round', 'skip', roundId), label: 'Skip this round', style: 'secondary' }],
  });
}
