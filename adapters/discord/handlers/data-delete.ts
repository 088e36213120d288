import { eraseConfirmation } from '../../../core/privacy/erase-confirmation.js';
import type { CommandHandler } from '../handler.js';

/** `/mentor data delete`: asks first; the button runs the erasure. */
export const dataDelete: CommandHandler = async ({ respond }) => {
  await respond.send(eraseConfirmation());
};
