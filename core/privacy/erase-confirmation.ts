import { interactionId } from '../interaction-ids.js';
import { privateMessage, type Message } from '../reply.js';

/**
 * What `/mentor data delete` shows first. Erasing cannot be undone, so the
 * command only asks; the "Erase my data" button runs the erasure, and the core
 * authorizes it then.
 */
export function eraseConfirmation(): Message {
  return privateMessage(['This erases your profile, skills and preferences, ends your mentorships and withdraws your requests. It cannot be undone. Export your data first if you want a copy.'], {
    title: 'Erase your data?',
    actions: [
      { type: 'button', customId: interactionId('data', 'erase'), label: 'Erase my data', style: 'danger' },
      { type: 'button', customId: interactionId('data', 'keep'), label: 'Keep my data', style: 'secondary' },
    ],
  });
}
