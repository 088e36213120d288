import { sharedActions } from '../../../../core/interactions/registry.js';
import type { ActionHandler } from '../../handler.js';
import { openOnboardingStep, submitOnboarding } from './onboarding.actions.js';

/**
 * Buttons, selects and form submissions by `area:action` of their id
 * (`core/interaction-ids.ts`): onboarding is Slack's own (a submitted step
 * turns into the next step's form in place); everything else is the core's
 * shared table, the same as Discord's.
 */
export const actionHandlers: ReadonlyMap<string, ActionHandler> = new Map([
  ['onboard:open', openOnboardingStep],
  ['onboard:submit', submitOnboarding],
  ...sharedActions,
]);
