import type { SharedCommandHandler } from '../interaction.js';

/** The pair's toolkit: sessions, goals, tasks, feedback and reports. */
export const toolkitCommands: Readonly<Record<string, SharedCommandHandler>> = {};
