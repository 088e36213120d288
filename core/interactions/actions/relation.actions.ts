import type { SharedActionHandler } from '../interaction.js';

/** Buttons and forms of requests, relations, suggestions and matching rounds, by `area:action`. */
export const relationActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [];
