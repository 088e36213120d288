import { sharedActions } from '../../../core/interactions/registry.js';
import type { ActionHandler } from '../handler.js';
import { eraseData, keepData } from './data.actions.js';
import { openNotifications, saveNotifications } from './notifications.actions.js';
import { openOnboardingStep, submitOnboarding } from './onboarding.actions.js';
import { openLevels, openProfileSection, saveLevels, saveProfileSection, viewProfile } from './profile.actions.js';

/**
 * Buttons, selects and modal submits by `area:action` of their custom id
 * (`core/interaction-ids.ts`): Discord's own, then the core's shared ones.
 * Every id the core builds today has an entry.
 */
export const actionHandlers: ReadonlyMap<string, ActionHandler> = new Map([
  ['onboard:open', openOnboardingStep],
  ['onboard:submit', submitOnboarding],
  ['profile:view', viewProfile],
  ['profile:edit', openProfileSection],
  ['profile:save', saveProfileSection],
  ['profile:levels', openLevels],
  ['profile:save-levels', saveLevels],
  ['notifications:edit', openNotifications],
  ['notifications:save', saveNotifications],
  ['data:erase', eraseData],
  ['data:keep', keepData],
  ...sharedActions,
]);
