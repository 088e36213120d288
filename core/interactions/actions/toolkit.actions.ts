import type { SharedActionHandler } from '../interaction.js';

/** Buttons and forms of sessions, goals, tasks, feedback and reports, by `area:action`. */
export const toolkitActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [];
