import type { Message } from '../../core/reply.js';

/**
 * Discord cannot open a modal in answer to a modal submit, so a form sent back
 * with mistakes is answered with the problems and a button that reopens it,
 * prefilled with what is saved.
 */
export function withRetryButton(reply: Message, customId: string): Message {
  return { ...reply, actions: [...(reply.actions ?? []), { type: 'button', customId, label: 'Open the form again', style: 'primary' }] };
}
