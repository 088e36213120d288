import type { SharedActionHandler } from '../interaction.js';
import { feedbackActions } from './feedback.actions.js';
import { planActions } from './plan.actions.js';
import { reportActions } from './report.actions.js';
import { sessionActions } from './session.actions.js';

export { showReportForm } from './report.actions.js';

/** Buttons and forms of sessions, goals, tasks, feedback and reports, by `area:action`. */
export const toolkitActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ...sessionActions,
  ...planActions,
  ...feedbackActions,
  ...reportActions,
];
