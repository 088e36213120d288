import { interactionId } from '../interaction-ids.js';
import { privateMessage, truncate, type ButtonAction, type Message, type MessageField } from '../reply.js';
import { explainInline, type Perspective } from './explain.js';
import type { Reason } from './score.js';
import type { MemberName } from './suggestion.repository.js';

/** One suggestion as shown: who, how well they fit and why. */
export interface ShownSuggestion {
  readonly suggestionId: number;
  readonly memberId: number;
  readonly score: number;
  readonly reasons: readonly Reason[];
  readonly explanation: readonly string[];
}

/** How many reasons a suggestion shows; the rest stay stored with it. */
export const shownReasons = 3;

/** The score as people read it: one decimal. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/**
 * The on-demand list: one field per person with the score and top reasons, and for each a Request
 * button (handled by the request feature) and a Decline button.
 */
export function suggestionsMessage(lookingFor: 'mentor' | 'mentee', shown: readonly ShownSuggestion[], names: ReadonlyMap<number, MemberName>): Message {
  const what = lookingFor === 'mentor' ? 'mentors' : 'mentees';
  if (shown.length === 0) {
    return privateMessage([
      `No ${what} fit your profile right now. Suggestions need someone who offers a skill you want at your level or above` +
        (lookingFor === 'mentor' ? '' : ' (here: someone who wants a skill you offer)') +
        ', and leave out people you declined, blocked or already worked with. Adding skills to your profile widens the search.',
    ]);
  }
  const fields: MessageField[] = [];
  const actions: ButtonAction[] = [];
  for (const suggestion of shown) {
    const name = names.get(suggestion.memberId)?.displayName ?? 'A member';
    const mention = names.get(suggestion.memberId)?.platformUserId;
    fields.push({
      name: truncate(`${name} (score ${formatScore(suggestion.score)})`, 256),
      value: [...(mention ? [{ mention }, ': '] : []), suggestion.explanation.join('; ')],
    });
    actions.push(
      { type: 'button', customId: interactionId('request', 'start', suggestion.memberId), label: truncate(`Request ${name}`, 80), style: 'primary' },
      { type: 'button', customId: interactionId('suggestion', 'decline', suggestion.suggestionId), label: truncate(`Not ${name}`, 80), style: 'secondary' },
    );
  }
  return privateMessage([`Your best ${shown.length} ${what}, best fit first. Declining one means we never suggest that pair again.`], {
    title: lookingFor === 'mentor' ? 'Suggested mentors' : 'Suggested mentees',
    fields,
    actions,
  });
}

/** Reasons of a stored suggestion in words, for the reader's side of the pair. */
export function explainStored(reasons: readonly Reason[], perspective: Perspective, names: ReadonlyMap<number, string>, limit = shownReasons): string {
  return explainInline(reasons, { perspective, skillName: (id) => names.get(id) ?? 'a skill', limit });
}
