import { interactionId } from '../../../../core/interaction-ids.js';
import { privateMessage } from '../../../../core/reply.js';
import type { CommandHandler } from '../../handler.js';

/**
 * `/mentor data delete`: asks first. Erasing cannot be undone, so the command
 * only shows a confirmation; the button runs the erasure (and the core
 * authorizes it then). Same words as on Discord.
 */
export const dataDelete: CommandHandler = async ({ respond }) => {
  await respond.send(
    privateMessage(['This erases your profile, skills and preferences, ends your mentorships and withdraws your requests. It cannot be undone. Export your data first if you want a copy.'], {
      title: 'Erase your data?',
      actions: [
        { type: 'button', customId: interactionId('data', 'erase'), label: 'Erase my data', style: 'danger' },
        { type: 'button', customId: interactionId('data', 'keep'), label: 'Keep my data', style: 'secondary' },
      ],
    }),
  );
};
