import { sharedActions } from '../../../../core/interactions/registry.js';
import type { ActionHandler } from '../../handler.js';
import { submitOnboarding } from './onboarding.actions.js';
import { saveSkillLevels } from './skill-levels.actions.js';

/**
 * Buttons, selects and form submissions by `area:action` of their id
 * (`core/interaction-ids.ts`): onboarding and saving skill levels are Slack's
 * own (a submitted form turns into the next form in place); everything else
 * is the core's shared table, the same as Discord's.
 */
export const actionHandlers: ReadonlyMap<string, ActionHandler> = new Map([
  ['onboard:submit', submitOnboarding],
  ...sharedActions,
  // After the shared table, so it replaces the shared handler of the same id.
  ['profile:save-levels', saveSkillLevels],
]);
