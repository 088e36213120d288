import { sharedActions } from '../../../core/interactions/registry.js';
import type { ActionHandler } from '../handler.js';
import { submitOnboarding } from './onboarding.actions.js';

/**
 * Buttons, selects and modal submits by `area:action` of their custom id
 * (`core/interaction-ids.ts`): onboarding is Discord's own (a Discord form
 * cannot open the next form, so each step answers with a Continue button);
 * everything else is the core's shared table.
 */
export const actionHandlers: ReadonlyMap<string, ActionHandler> = new Map([
  ['onboard:submit', submitOnboarding],
  ...sharedActions,
]);
